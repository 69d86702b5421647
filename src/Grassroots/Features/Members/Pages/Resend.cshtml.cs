using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ResendModel(UserManager<Member> users, MemberEmails emails, AuthAttempts attempts) : FormPage
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        if (!attempts.Allow(HttpContext, email)) return TooManyAttempts();
        // The same answer whether or not the address has an account, so it reveals nothing.
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= AccountRules.MaxEmailLength
            && await users.FindByEmailAsync(email.Trim()) is { EmailConfirmed: false, DeletedAt: null } m)
            await emails.SendConfirmationAsync(m, ct);
        return Page();
    }
}
