using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

public sealed class ForgotModel(LinkRequests links, AuthAttempts attempts, IStringLocalizer<SharedResource> l) : FormPage
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
        // The same answer, in the same time, whether or not the address has an account.
        await links.SendResetAsync(email!, ct);
        Sent = true;
        return Page();
    }
}
