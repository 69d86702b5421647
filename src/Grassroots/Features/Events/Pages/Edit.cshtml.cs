using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>The hosts change the event or call it off.</summary>
[Authorize]
public sealed class EditModel(Hosting hosting, AppDbContext db, Access access, IStringLocalizer<SharedResource> l) : EventFormPage
{
    [FromRoute] public string Slug { get; set; } = "";
    public string EventTitle { get; private set; } = "";
    private Guid eventId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = EventForm.Of(await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (ExplainUnreadableInput(l)) return Page();
        var outcome = await hosting.UpdateAsync(User, eventId, Input.ToInput(), ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (outcome.Kind != OutcomeKind.Ok)
        {
            outcome.Errors!.CopyTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Saved. People with a place were told of the change."].Value;
        return Redirect($"/events/{Slug}");
    }

    public async Task<IActionResult> OnPostCancelAsync([FromForm] bool confirm, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!confirm)
        {
            TempData["Flash"] = l["Tick \"Yes, cancel it and tell everyone\" first: nothing was cancelled."].Value;
            return Redirect($"/events/{Slug}/edit#call-off");
        }
        var outcome = await hosting.CancelAsync(User, eventId, ct);
        if (outcome.Kind != OutcomeKind.Ok) return Forbid();
        TempData["Flash"] = l["The event is cancelled. Everyone who had a place or was waiting was told."].Value;
        return Redirect($"/events/{Slug}");
    }

    /// <summary>The event, for its hosts only (to anyone else the page does not exist).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var e = Slug.Length <= 140 ? await db.Events.AsNoTracking().Where(x => x.Slug == Slug).Select(x => new { x.Id, x.Title }).SingleOrDefaultAsync(ct) : null;
        if (e is null) return NotFound();
        if ((await access.CheckAsync(User, new EventResource(e.Id), EventPolicies.Host)).Kind != OutcomeKind.Ok) return NotFound();
        (eventId, EventTitle) = (e.Id, e.Title);
        return null;
    }
}
