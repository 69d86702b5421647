using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class SignInModel(SignInManager<Member> signIn, UserManager<Member> users, IStringLocalizer<SharedResource> l) : FormPage
{
    public sealed class Form
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool Remember { get; set; } = true;
    }

    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email)) ModelState.AddModelError("Input.Email", l["Enter your email address."]);
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", l["Enter your password."]);
        if (!ModelState.IsValid) return Page();

        var member = await users.FindByEmailAsync(Input.Email!.Trim());
        var result = member is null || member.DeletedAt is not null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(member, Input.Password!, Input.Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (member!.Culture is { } c)
                Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/groups");
        }
        ModelState.AddModelError("", result switch
        {
            { IsLockedOut: true } => l["Too many wrong passwords: this account is locked for 15 minutes. You can reset your password meanwhile."],
            { IsNotAllowed: true } => l["Confirm your email address first: open the link we sent you, or ask for a new one below."],
            _ => l["That email and password don't match an account. Check both, or reset your password."],
        });
        return Page();
    }
}
