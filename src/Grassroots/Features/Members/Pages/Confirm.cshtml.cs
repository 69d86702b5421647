using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>
/// The link in the confirmation email: asks for the password, then confirms, signs out every
/// earlier session, and signs in (once: the link dies with the old security stamp; not while
/// sign-ins of the account are paused for this browser).
/// </summary>
[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ConfirmModel(Passwords passwords, SigningIn signingIn, SignInManager<Member> signIn, TrustedDevices devices, AuthAttempts attempts,
    IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? LinkProblem { get; private set; }

    private LinkPasswordInput Input => new() { UserId = UserId, Code = Code, Password = Password };

    public async Task<IActionResult> OnGetAsync()
    {
        var (errors, _) = await passwords.CheckConfirmationLinkAsync(Input);
        return errors.IsEmpty ? Page() : Refused(errors);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!attempts.Allow(HttpContext, UserId)) return TooManyAttempts();
        var (errors, member) = await passwords.ConfirmAsync(Input, ct);
        if (!errors.IsEmpty)
        {
            if (errors.ToDictionary().ContainsKey(nameof(LinkPasswordInput.Code))) return Refused(errors);
            errors.CopyTo(ModelState);
            return Page();
        }
        if (await signingIn.IsBarredAsync(member!, devices.FromCookie(Request)))
        {
            TempData["Flash"] = l["Your email is confirmed and your password is set. Sign in with it."].Value;
            return LocalRedirect("/account/signin");
        }
        await signIn.SignInAsync(member!, isPersistent: true);
        devices.RememberInCookie(HttpContext, member!.Id);
        TempData["Flash"] = l["Your email is confirmed. Welcome! Tell us about yourself, or find a group."].Value;
        return LocalRedirect("/me");
    }

    private IActionResult Refused(FieldErrors errors)
    {
        LinkProblem = errors.ToDictionary()[nameof(LinkPasswordInput.Code)][0];
        Response.StatusCode = 400;
        return Page();
    }
}
