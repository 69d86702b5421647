using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>
/// A new confirmation link for an address: the same limits as the other account forms, and the
/// same answer, in the same time, whether or not an unconfirmed account uses it.
/// </summary>
public sealed class ResendModel(LinkRequests links, AuthAttempts attempts, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = AccountRules.EmailOnly(new EmailInput { Email = Email }, l);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState);
            return Page();
        }
        if (!attempts.Allow(HttpContext, Email)) return TooManyAttempts();
        await links.SendConfirmationAsync(Email!, AccountRules.LocalUrl(ReturnUrl), ct);
        Sent = true;
        return Page();
    }
}
