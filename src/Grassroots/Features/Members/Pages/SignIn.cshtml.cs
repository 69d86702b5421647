using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

public sealed class SignInModel(SigningIn signingIn, SignInManager<Member> signIn, UserManager<Member> users, TrustedDevices devices,
    AuthAttempts attempts, IStringLocalizer<SharedResource> l) : FormPage
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
        var errors = AccountRules.SignIn(new SignInInput { Email = Input.Email, Password = Input.Password }, l);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }
        var (outcome, member) = await signingIn.CheckPasswordAsync(HttpContext, Input.Email!, Input.Password!, devices.FromCookie(Request));
        if (outcome == SignInOutcome.TooManyAttempts) return TooManyAttempts();
        if (outcome != SignInOutcome.SignedIn)
        {
            ModelState.AddModelError("", SignInMessages.Explain(outcome, l));
            return Page();
        }
        await signIn.SignInAsync(member!, Input.Remember);
        return SignedIn(member!);
    }

    /// <summary>The browser's passkey assertion, verified by Identity. A passkey always works: no pause applies to it.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        if (!attempts.AllowFromAddress(HttpContext)) return TooManyAttempts();
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
            ? l["That passkey is not registered here. Sign in with your password, then add the passkey on your profile."]
            : SignInMessages.Explain(result.IsNotAllowed ? SignInOutcome.NotConfirmed : SignInOutcome.WrongCredentials, l));
        return Page();
    }

    private IActionResult SignedIn(Member member)
    {
        // This browser is now a known device for the member: strangers' failed attempts do not pause it.
        devices.RememberInCookie(HttpContext, member);
        if (member.Culture is { } c)
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)));
        return LocalRedirect(AccountRules.LocalUrl(ReturnUrl) ?? "/groups");
    }
}
