using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ResetModel(UserManager<Member> users, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountLinks.Decode(Code);
        var member = Guid.TryParse(UserId, out var id) ? await users.FindByIdAsync(id.ToString()) : null; // the store throws on a malformed id
        if (member is null || token is null || member.DeletedAt is not null)
        {
            ModelState.AddModelError("", l["This reset link is incomplete or expired. Ask for a new one."]);
            return Page();
        }
        if (string.IsNullOrEmpty(Password) || Password.Length < 10)
        {
            ModelState.AddModelError(nameof(Password), l["Choose a password of at least 10 characters."]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(member, token, Password);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors.Any(e => e.Code == "InvalidToken")
                ? l["This reset link is incomplete or expired. Ask for a new one."] : string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }
        // A reset also proves the address: a member who never confirmed can now sign in.
        if (!member.EmailConfirmed)
        {
            member.EmailConfirmed = true;
            await users.UpdateAsync(member);
        }
        await users.ResetAccessFailedCountAsync(member);
        await users.SetLockoutEndDateAsync(member, null);
        TempData["Flash"] = l["Your password is changed. Sign in with the new one."].Value;
        return LocalRedirect("/account/signin");
    }
}
