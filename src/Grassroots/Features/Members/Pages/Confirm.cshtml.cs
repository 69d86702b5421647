using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>
/// The link in the confirmation email: asks for the password, then confirms, signs out every
/// earlier session, makes this browser a device the account knows (strangers' failed sign-ins
/// before it was confirmed don't stop it) and signs in (once: the link dies with the old security
/// stamp; not while Identity's lockout is set). Then back to the page the member signed up from.
/// </summary>
public sealed class ConfirmModel(Passwords passwords, UserManager<Member> users, SignInManager<Member> signIn, TrustedDevices devices, AuthAttempts attempts,
    IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
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
        if (!errors.IsEmpty || member is null)
        {
            if (errors.ToDictionary().ContainsKey(nameof(LinkPasswordInput.Code))) return Refused(errors);
            errors.CopyTo(ModelState);
            return Page();
        }
        // Whoever proved the mailbox and chose the password is its owner: this browser is theirs.
        devices.RememberInCookie(HttpContext, member);
        var back = AccountRules.LocalUrl(ReturnUrl);
        if (await users.IsLockedOutAsync(member))
        {
            TempData["Flash"] = l["Your email is confirmed and your password is set. Sign in with it."].Value;
            return LocalRedirect("/account/signin" + (back is null ? "" : "?returnUrl=" + Uri.EscapeDataString(back)));
        }
        await signIn.SignInAsync(member, isPersistent: true);
        TempData["Flash"] = back is null
            ? l["Your email is confirmed. Welcome! Tell us about yourself, or find a group."].Value
            : l["Your email is confirmed. Welcome to Grassroots!"].Value;
        return LocalRedirect(back ?? "/me");
    }

    private IActionResult Refused(FieldErrors errors)
    {
        LinkProblem = errors.ToDictionary()[nameof(LinkPasswordInput.Code)][0];
        Response.StatusCode = 400;
        return Page();
    }
}
