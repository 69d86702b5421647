using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Members.Pages;

/// <summary>
/// Joining asks for a name, an address and a ZIP code, not a password: the emailed link asks for
/// it, so it is asked once, and by whoever proves the mailbox. A page of this site the visitor came
/// from (returnUrl) travels with the link, so confirming brings them back there.
/// </summary>
public sealed class SignUpModel(Registering registering, AuthAttempts attempts) : FormPage
{
    [BindProperty] public SignUpInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!attempts.Allow(HttpContext, Input.Email)) return TooManyAttempts();
        // The form has no password field; one posted by hand would only be replaced on the link's page anyway.
        var errors = await registering.RegisterAsync(Input with { Password = null }, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            AccountRules.LocalUrl(ReturnUrl), ct);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }
        Sent = true;
        return Page();
    }
}
