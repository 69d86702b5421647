using Grassroots.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Home;

/// <summary>
/// Switches the language: a cookie for everyone, and the profile for a signed-in member. A link
/// (GET) rather than a form, so pages carry no antiforgery token for visitors and can be cached;
/// the worst a forged link can do is change someone's language.
/// </summary>
public sealed class LanguageModel(UserManager<Member> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? culture, string? returnUrl)
    {
        culture = culture == "es" ? "es" : "en";
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        if (await users.GetUserAsync(User) is { } me)
        {
            me.Culture = culture;
            await users.UpdateAsync(me);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
