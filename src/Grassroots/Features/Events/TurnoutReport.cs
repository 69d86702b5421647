using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>A host's report: how many came (empty: the count at the door), and what follows (Markdown).</summary>
public sealed record TurnoutInput(int? Turnout = null, string? FollowUp = null);

/// <summary>The report as hosts read it; <see cref="CountedAtDoor"/> is what check-in counted (everyone who came, walk-ins too).</summary>
public sealed record TurnoutView(int? Turnout, string? FollowUp, string FollowUpHtml, DateTimeOffset? ReportedAt, int CountedAtDoor, bool CanReport);

/// <summary>
/// After the event (once it has started) its hosts say how many came and what follows: the door's count is
/// the default, because many people are never checked in at a busy door and the host knows better.
/// </summary>
public sealed class TurnoutReports(AppDbContext db, Attendees attendees, UserText text, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>More than the biggest rally we could host is a typo, not a turnout.</summary>
    public const int MaxTurnout = 1_000_000;

    public async Task<(Outcome Outcome, TurnoutView? Report)> ReadAsync(ClaimsPrincipal user, Guid eventId, CancellationToken ct)
    {
        var gate = await attendees.HostGateAsync(user, eventId, ct);
        if (gate.Kind != OutcomeKind.Ok) return (gate, null);
        return (Outcome.Ok, await ViewAsync(eventId, ct));
    }

    public async Task<(Outcome Outcome, TurnoutView? Report)> ReportAsync(ClaimsPrincipal user, Guid eventId, TurnoutInput input, CancellationToken ct)
    {
        var gate = await attendees.HostGateAsync(user, eventId, ct);
        if (gate.Kind != OutcomeKind.Ok) return (gate, null);
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.Status, x.StartsAt }).SingleAsync(ct);
        if (e.Status == EventStatus.Cancelled) return (Outcome.Invalid("eventId", l["This event was cancelled: there is no turnout to report."]), null);
        var now = clock.GetUtcNow();
        if (now < e.StartsAt) return (Outcome.Invalid("eventId", l["The event has not started yet: report the turnout once it has."]), null);

        var errors = new FieldErrors();
        if (input.Turnout is < 0 or > MaxTurnout)
            errors.Add("turnout", l["The turnout is the number of people who came, between 0 and {0}.", MaxTurnout.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
        var followUp = input.FollowUp?.Trim() ?? "";
        if (followUp.Length > Event.MaxDescriptionLength) errors.Add("followUp", l["The follow-ups can be at most {0} characters.", Event.MaxDescriptionLength]);
        else if (UserText.ContainsScript(followUp)) errors.Add("followUp", l["The follow-ups can't contain scripts or event handlers. Use plain text or Markdown."]);
        if (!errors.IsEmpty) return (Outcome.Invalid(errors), null);

        var turnout = input.Turnout ?? (await attendees.CountsAsync(eventId, ct)).Here;
        var me = user.RequiredMemberId();
        var saved = await db.Events.Where(x => x.Id == eventId).Where(EventPolicies.HostedBy(db, me))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Turnout, turnout).SetProperty(x => x.FollowUp, followUp.Length == 0 ? null : followUp)
                .SetProperty(x => x.ReportedAt, now), ct);
        if (saved == 0) return (Outcome.Refused(l["Only the event's hosts may do that."]), null);
        return (Outcome.Ok, await ViewAsync(eventId, ct));
    }

    private async Task<TurnoutView> ViewAsync(Guid eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.Turnout, x.FollowUp, x.ReportedAt, x.StartsAt, x.Status }).SingleAsync(ct);
        var counts = await attendees.CountsAsync(eventId, ct);
        // Rendered when read (there is no column for its HTML): the same Markdown and sanitizer as the description.
        return new TurnoutView(e.Turnout, e.FollowUp, text.ToSafeHtml(e.FollowUp), e.ReportedAt, counts.Here,
            CanReport: e.Status == EventStatus.Scheduled && clock.GetUtcNow() >= e.StartsAt);
    }
}
