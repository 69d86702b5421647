using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

public sealed class ResetModel(Passwords passwords, AuthAttempts attempts, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!attempts.Allow(HttpContext, UserId)) return TooManyAttempts();
        var (errors, _) = await passwords.ResetAsync(new LinkPasswordInput { UserId = UserId, Code = Code, Password = Password }, ct);
        if (!errors.IsEmpty)
        {
            // A bad link is about the whole form, not a field of it.
            foreach (var (field, messages) in errors.ToDictionary())
                foreach (var m in messages) ModelState.AddModelError(field == nameof(LinkPasswordInput.Code) ? "" : field, m);
            return Page();
        }
        TempData["Flash"] = l["Your password is changed. Sign in with the new one."].Value;
        return LocalRedirect("/account/signin");
    }
}
