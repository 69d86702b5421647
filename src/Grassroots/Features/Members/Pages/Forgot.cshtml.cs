using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class ForgotModel(UserManager<Member> users, AccountLinks links, IEmailSender<Member> emails, IStringLocalizer<SharedResource> l) : FormPage
{
    public bool Sent { get; private set; }
    public string? Email { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            ModelState.AddModelError("Email", l["Enter your email address."]);
            return Page();
        }
        if (await users.FindByEmailAsync(email.Trim()) is { DeletedAt: null } m)
            await emails.SendPasswordResetLinkAsync(m, m.Email!, await links.ResetAsync(Request, m));
        Sent = true;
        return Page();
    }
}
