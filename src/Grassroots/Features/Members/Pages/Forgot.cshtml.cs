using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ForgotModel(UserManager<Member> users, MemberEmails emails, AuthAttempts attempts, IStringLocalizer<SharedResource> l) : FormPage
{
    public bool Sent { get; private set; }
    public string? Email { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        var errors = AccountRules.EmailOnly(new EmailInput { Email = email }, l);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState);
            return Page();
        }
        if (!attempts.Allow(HttpContext, email)) return TooManyAttempts();
        // The same answer whether or not the address has an account.
        if (await users.FindByEmailAsync(email!.Trim()) is { DeletedAt: null } m)
            await emails.SendResetAsync(m, ct);
        Sent = true;
        return Page();
    }
}
