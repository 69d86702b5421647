using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Serialization;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>
/// One person on a host's list: what check-in needs and nothing more. No email, no ZIP: attendee data
/// belongs to the movement, and the export with addresses is a separate, granted and audit-logged permission.
/// </summary>
public sealed record AttendeeView(Guid Id, string Name, int Guests, RsvpStatus Status, DateTimeOffset RsvpedAt, DateTimeOffset? CheckedInAt, bool WalkIn)
{
    public static AttendeeView Of(Rsvp r) => new(r.Id, r.Name, r.Guests, r.Status, r.CreatedAt, r.CheckedInAt, r.WalkIn);
}

/// <summary>
/// The door's numbers, in seats (a person and their guests). <see cref="Expected"/> is the event's confirmed
/// seats; <see cref="Arrived"/> those of them checked in; walk-ins are counted apart and never take a seat of
/// the capacity (people at the door are there whatever it says); <see cref="Here"/> is everyone who came.
/// </summary>
public sealed record CheckInCounts(int Expected, int Arrived, int WalkIns, int Waitlisted)
{
    public int Here => Arrived + WalkIns;
}

/// <summary>Which people a host's list shows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttendeeFilter>))]
public enum AttendeeFilter { All = 0, Confirmed = 1, Waitlisted = 2, CheckedIn = 3, NotCheckedIn = 4, WalkIns = 5 }

public sealed record AttendeeList(Page<AttendeeView> Attendees, CheckInCounts Counts);

/// <summary>
/// The attendee list of an event, for its hosts (<see cref="EventPolicies.Host"/>): the people with a seat,
/// the waitlist and the walk-ins, searchable by name whatever the case and the accents ("jose" finds "José").
/// </summary>
public sealed class Attendees(AppDbContext db, Access access, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// May this member act as a host of the event? Not found when the event is hidden from them or is for a
    /// group they are not in (a stranger learns nothing, not even that it exists); refused, with the reason,
    /// when they can see it but do not host it.
    /// </summary>
    public async Task<Outcome> HostGateAsync(ClaimsPrincipal user, Guid eventId, CancellationToken ct)
    {
        var allowed = await access.CheckAsync(user, new EventResource(eventId), EventPolicies.Host);
        if (allowed.Kind != OutcomeKind.Forbidden) return allowed;
        var me = user.MemberId();
        var visible = await db.Events.Where(e => e.Id == eventId && e.Moderation == ContentModeration.Visible
                && (e.Visibility == EventVisibility.Public || (me != null && db.Memberships.Any(m => m.GroupId == e.GroupId && m.MemberId == me))))
            .AnyAsync(ct);
        return visible ? allowed : Outcome.NotFound;
    }

    public async Task<(Outcome Outcome, AttendeeList? List)> ListAsync(ClaimsPrincipal user, Guid eventId, string? q, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var gate = await HostGateAsync(user, eventId, ct);
        if (gate.Kind != OutcomeKind.Ok) return (gate, null);
        var errors = new FieldErrors();
        var filter = AttendeeFilter.All;
        if (!string.IsNullOrWhiteSpace(status) && (!Enum.TryParse(status.Trim(), ignoreCase: true, out filter) || !Enum.IsDefined(filter) || char.IsDigit(status.Trim()[0])))
            errors.Add("status", l["The status is one of: all, confirmed, waitlisted, checkedIn, notCheckedIn, walkIns."]);
        var words = Fold(UserText.Collapse(q));
        if (words.Length > TextSearch.MaxQueryLength) errors.Add("q", l["Search for at most {0} characters.", TextSearch.MaxQueryLength]);
        if (!errors.IsEmpty) return (Outcome.Invalid(errors), null);

        var rows = db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId && r.Status != RsvpStatus.Cancelled);
        rows = filter switch
        {
            AttendeeFilter.Confirmed => rows.Where(r => r.Status == RsvpStatus.Confirmed),
            AttendeeFilter.Waitlisted => rows.Where(r => r.Status == RsvpStatus.Waitlisted),
            AttendeeFilter.CheckedIn => rows.Where(r => r.Status == RsvpStatus.Confirmed && r.CheckedInAt != null),
            AttendeeFilter.NotCheckedIn => rows.Where(r => r.Status == RsvpStatus.Confirmed && r.CheckedInAt == null),
            AttendeeFilter.WalkIns => rows.Where(r => r.WalkIn),
            _ => rows,
        };
        // Names are matched and sorted here rather than in SQL: neither SQLite nor PostgreSQL folds accents the
        // same way without an extension. Only ids and names of one event are read (bounded by its capacity and
        // waitlist), then the page's rows.
        var terms = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var names = await rows.Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var matches = names.Select(n => (n.Id, Key: Fold(n.Name)))
            .Where(n => terms.All(n.Key.Contains))
            .OrderBy(n => n.Key, StringComparer.Ordinal).ThenBy(n => n.Id)
            .ToList();
        var (number, size) = Paging.Clamp(page, pageSize);
        var ids = matches.Skip((number - 1) * size).Take(size).Select(m => m.Id).ToList();
        var found = await db.Rsvps.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var items = ids.Where(found.ContainsKey).Select(id => AttendeeView.Of(found[id])).ToList();
        return (Outcome.Ok, new AttendeeList(new Page<AttendeeView>(items, number, size, matches.Count), await CountsAsync(eventId, ct)));
    }

    /// <summary>One person of the event's list, for its hosts.</summary>
    public async Task<AttendeeView?> FindAsync(Guid eventId, Guid rsvpId, CancellationToken ct) =>
        await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rsvpId && r.EventId == eventId, ct) is { } r ? AttendeeView.Of(r) : null;

    /// <summary>The door's numbers, read fresh (no permission check: callers have made it).</summary>
    public async Task<CheckInCounts> CountsAsync(Guid eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.Confirmed, x.Waitlisted }).SingleOrDefaultAsync(ct);
        var seats = await db.Rsvps.Where(r => r.EventId == eventId && r.Status == RsvpStatus.Confirmed && r.CheckedInAt != null)
            .GroupBy(r => r.WalkIn).Select(g => new { WalkIn = g.Key, Seats = g.Sum(r => 1 + r.Guests) }).ToListAsync(ct);
        return new CheckInCounts(e?.Confirmed ?? 0, seats.Where(s => !s.WalkIn).Sum(s => s.Seats), seats.Where(s => s.WalkIn).Sum(s => s.Seats), e?.Waitlisted ?? 0);
    }

    /// <summary>"José Núñez" → "jose nunez": lower case, accents and other combining marks dropped, for matching only.</summary>
    public static string Fold(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                sb.Append(char.ToLowerInvariant(c));
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
