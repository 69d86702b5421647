using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>
/// The confirmation's cancel link: the GET asks (a mail scanner opening links cancels nothing), the POST
/// cancels. The token is the key; no account is needed.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.ServiceDefaults.WriteLimit)] // guests' forms count like the API's writes
public sealed class CancelModel(Rsvping rsvping, EventDetails details, IStringLocalizer<SharedResource> l) : PageModel
{
    public EventView? Event { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Event = await details.ReadAsync(id.ToString(), User, ct);
        return Event is null || string.IsNullOrEmpty(Token) ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid rsvpId, CancellationToken ct)
    {
        var (outcome, _) = await rsvping.CancelAsync(User, id, rsvpId, Token, ct);
        if (outcome.Kind != Infrastructure.Web.OutcomeKind.Ok) return NotFound();
        Event = await details.ReadAsync(id.ToString(), User, ct);
        TempData["Flash"] = l["Your RSVP is cancelled. Thanks for letting the host know."].Value;
        return Event is null ? Redirect("/") : Redirect($"/events/{Event.Slug}");
    }
}
