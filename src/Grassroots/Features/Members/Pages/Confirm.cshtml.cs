using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>The link in the confirmation email: confirms, signs the member in, and takes them to their profile.</summary>
public sealed class ConfirmModel(UserManager<Member> users, SignInManager<Member> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var token = AccountLinks.Decode(code);
        var member = Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null; // the store throws on a malformed id
        if (member is null || token is null)
        {
            Problem = l["This confirmation link is incomplete. Copy the whole link from the email, or ask for a new one."];
            Response.StatusCode = 400;
            return Page();
        }
        var result = await users.ConfirmEmailAsync(member, token);
        if (!result.Succeeded)
        {
            Problem = l["This confirmation link has expired or was already replaced by a newer one. Ask for a new link below."];
            Response.StatusCode = 400;
            return Page();
        }
        await signIn.SignInAsync(member, isPersistent: true);
        TempData["Flash"] = l["Your email is confirmed. Welcome! Tell us about yourself, or find a group."].Value;
        return LocalRedirect("/me");
    }
}
