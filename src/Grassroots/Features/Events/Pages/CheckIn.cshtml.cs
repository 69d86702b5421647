using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>
/// The door, on a host's phone: find a name, one tap checks them in (another undoes it), add walk-ins, and
/// after the start report the turnout. Plain forms that post and come back; checkin.js filters as you type,
/// posts without reloading and keeps the count live (SignalR), when the phone runs it.
/// </summary>
[Authorize]
public sealed class CheckInModel(EventDetails details, Attendees attendees, CheckIn door, TurnoutReports reports, TimeProvider clock, IStringLocalizer<SharedResource> l) : FormPage
{
    public const int PageSize = 50;

    public EventView Event { get; private set; } = null!;
    public AttendeeList List { get; private set; } = null!;
    public TurnoutView Report { get; private set; } = null!;
    public bool DoorOpen { get; private set; }

    /// <summary>The search, kept across a check-in so the host stays where they were.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The list's page ("page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true)] public int? P { get; set; }
    [BindProperty] public WalkInForm WalkIn { get; set; } = new();
    [BindProperty] public TurnoutForm Turnout { get; set; } = new();

    public sealed class WalkInForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public int Guests { get; set; }
        /// <summary>Made when the form is shown: a double tap adds one person.</summary>
        public string? Key { get; set; }
    }

    public sealed class TurnoutForm
    {
        public int? Turnout { get; set; }
        public string? FollowUp { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        WalkIn.Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    public Task<IActionResult> OnPostCheckInAsync(string slug, Guid rsvpId, CancellationToken ct) =>
        TapAsync(slug, ct, id => door.CheckInAsync(User, id, rsvpId, ct), a => l["{0} is checked in.", a.Name]);

    public Task<IActionResult> OnPostUndoAsync(string slug, Guid rsvpId, CancellationToken ct) =>
        TapAsync(slug, ct, id => door.UndoAsync(User, id, rsvpId, ct),
            a => a.WalkIn ? l["{0} is removed from the walk-ins.", a.Name] : l["{0} is no longer checked in.", a.Name]);

    public async Task<IActionResult> OnPostWalkInAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (ExplainUnreadableInput(l)) return Page();
        var result = await door.AddWalkInAsync(User, Event.Id, new WalkInInput(WalkIn.Name, WalkIn.Email, WalkIn.Guests), WalkIn.Key, ct);
        if (result.Outcome.Kind != OutcomeKind.Ok) return await RefusedAsync(result.Outcome, "WalkIn", slug, ct);
        TempData["DoorStatus"] = l["{0} is added and checked in.", result.Attendee!.Name].Value;
        return Redirect(Back());
    }

    public async Task<IActionResult> OnPostReportAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (ExplainUnreadableInput(l)) return Page();
        var (outcome, _) = await reports.ReportAsync(User, Event.Id, new TurnoutInput(Turnout.Turnout, Turnout.FollowUp), ct);
        if (outcome.Kind != OutcomeKind.Ok) return await RefusedAsync(outcome, "Turnout", slug, ct);
        TempData["DoorStatus"] = l["The turnout report is saved."].Value;
        return Redirect(Back());
    }

    private async Task<IActionResult> TapAsync(string slug, CancellationToken ct, Func<Guid, Task<CheckInResult>> tap, Func<AttendeeView, LocalizedString> done)
    {
        if (await details.ReadAsync(slug, User, ct) is not { } e) return NotFound();
        var result = await tap(e.Id);
        switch (result.Outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Invalid:
                TempData["DoorStatus"] = result.Outcome.Errors!.ToDictionary().Values.SelectMany(m => m).First();
                break;
            default:
                TempData["DoorStatus"] = done(result.Attendee!).Value;
                break;
        }
        Event = e;
        return Redirect(Back());
    }

    /// <summary>Bad input: the page again with the messages at the fields; a refusal as the site answers one.</summary>
    private async Task<IActionResult> RefusedAsync(Outcome outcome, string prefix, string slug, CancellationToken ct)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        outcome.Errors!.CopyTo(ModelState, prefix);
        await LoadAsync(slug, ct);
        return Page();
    }

    /// <summary>The event, its list and its report, for a host; otherwise the answer to give instead.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await details.ReadAsync(slug, User, ct) is not { } e) return NotFound();
        Event = e;
        var (outcome, list) = await attendees.ListAsync(User, e.Id, Q, null, P, PageSize, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            // A search too long to be a name: say so and show everyone.
            outcome.Errors!.CopyTo(ModelState, "Search");
            Q = null;
            (outcome, list) = await attendees.ListAsync(User, e.Id, null, null, P, PageSize, ct);
        }
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden: return Forbid();
        }
        List = list!;
        Report = (await reports.ReadAsync(User, e.Id, ct)).Report!;
        DoorOpen = e.Status == EventStatus.Scheduled && CheckIn.IsOpen(e.StartsAt, e.EndsAt, clock.GetUtcNow());
        return null;
    }

    public string Back(int? page = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q)) query.Add("q=" + Uri.EscapeDataString(Q));
        if ((page ?? P) is > 1 and var p) query.Add("p=" + p);
        return $"/events/{Event.Slug}/checkin" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
