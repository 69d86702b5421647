using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Features.Members.Pages;

[EnableRateLimiting(ServiceDefaults.AuthLimit)]
public sealed class SignUpModel(Registering registering, AuthAttempts attempts) : FormPage
{
    [BindProperty] public SignUpInput Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!attempts.Allow(HttpContext, Input.Email)) return TooManyAttempts();
        var errors = await registering.RegisterAsync(Input, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }
        Sent = true;
        return Page();
    }
}
