using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ResendModel(UserManager<Member> users, AccountLinks links, IEmailSender<Member> emails) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(string? email)
    {
        // The same answer whether or not the address has an account, so it reveals nothing.
        if (!string.IsNullOrWhiteSpace(email) && await users.FindByEmailAsync(email.Trim()) is { EmailConfirmed: false, DeletedAt: null } m)
            await emails.SendConfirmationLinkAsync(m, m.Email!, await links.ConfirmationAsync(Request, m));
        return Page();
    }
}
