using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>Changing the password ends every other session (a new security stamp); this browser is signed in again.</summary>
[Authorize]
public sealed class PasswordModel(UserManager<Member> users, Passwords passwords, SignInManager<Member> signIn, AuthAttempts attempts,
    IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public ChangePasswordInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { DeletedAt: null } member) return Challenge();
        if (!attempts.Allow(HttpContext, member.Id.ToString())) return TooManyAttempts();
        var errors = await passwords.ChangeAsync(member, Input, ct);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }
        await signIn.SignInAsync(member, isPersistent: true);
        TempData["Flash"] = l["Your password is changed. Your other devices are signed out."].Value;
        return LocalRedirect("/me");
    }
}
