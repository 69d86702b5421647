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
        if (result.Succeeded) return SignedIn(member!);
        ModelState.AddModelError("", Explain(result));
        return Page();
    }

    /// <summary>The browser's passkey assertion, verified by Identity; the same rules (confirmed email, lockout) apply.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        if (string.IsNullOrEmpty(credential))
        {
            ModelState.AddModelError("", l["No passkey was used (cancelled or timed out)."]);
            return Page();
        }
        Microsoft.AspNetCore.Identity.SignInResult result;
        try { result = await signIn.PasskeySignInAsync(credential); }
        catch (InvalidOperationException)
        {
            // A credential posted without first asking for the request options (a stale tab, a hand-made request).
            ModelState.AddModelError("", l["No passkey was used (cancelled or timed out)."]);
            return Page();
        }
        if (result.Succeeded)
        {
            // PasskeySignInAsync signed in the member the passkey belongs to; find them by that credential.
            var assertion = System.Text.Json.JsonDocument.Parse(credential).RootElement.GetProperty("id").GetString();
            var member = assertion is null ? null : await users.FindByPasskeyIdAsync(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(assertion));
            return member is null ? LocalRedirect("/groups") : SignedIn(member);
        }
        ModelState.AddModelError("", result is { IsLockedOut: false, IsNotAllowed: false }
            ? l["That passkey is not registered here. Sign in with your password, then add the passkey on your profile."] : Explain(result));
        return Page();
    }

    private IActionResult SignedIn(Member member)
    {
        if (member.Culture is { } c)
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/groups");
    }

    private string Explain(Microsoft.AspNetCore.Identity.SignInResult result) => result switch
        {
            { IsLockedOut: true } => l["Too many wrong passwords: this account is locked for 15 minutes. You can reset your password meanwhile."],
            { IsNotAllowed: true } => l["Confirm your email address first: open the link we sent you, or ask for a new one below."],
            _ => l["That email and password don't match an account. Check both, or reset your password."],
        };
}
