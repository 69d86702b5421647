using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>Someone who came without an RSVP: a name (and an email, to hear from the movement again), and their guests.</summary>
public sealed record WalkInInput(string? Name = null, string? Email = null, int? Guests = null);

/// <summary>What a check-in, an undo or a walk-in answers: the person as the list shows them now, and the door's numbers.</summary>
public sealed record CheckInResult(Outcome Outcome, AttendeeView? Attendee = null, CheckInCounts? Counts = null, bool Replayed = false);

/// <summary>
/// The door: hosts check people with a seat in (once: the first time stays), undo a mistaken tap, and add
/// walk-ins. Every change is a conditional UPDATE or a unique index away from a race, and every one pushes
/// the new numbers to the open check-in pages (<see cref="CheckInHub"/>).
/// </summary>
public sealed class CheckIn(AppDbContext db, GroupCommit writes, Attendees attendees, CheckInBroadcast broadcast, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// The door opens an hour before the start (hosts set up, early people arrive) and closes six hours after
    /// the end (a host who kept a paper list at a busy door enters it that night). Outside it a tap is more
    /// likely a mistake on the wrong event than a check-in; the turnout report covers anything later.
    /// </summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromHours(1);
    public static readonly TimeSpan ClosesAfter = TimeSpan.FromHours(6);

    public const int MaxNameLength = Rsvping.MaxNameLength;

    public static bool IsOpen(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now) =>
        now >= startsAt - OpensBefore && now <= endsAt + ClosesAfter;

    public async Task<CheckInResult> CheckInAsync(ClaimsPrincipal user, Guid eventId, Guid rsvpId, CancellationToken ct)
    {
        if (await OpenDoorAsync(user, eventId, ct) is { Kind: not OutcomeKind.Ok } closed) return new(closed);
        var me = user.RequiredMemberId();
        var now = clock.GetUtcNow();
        // The permission sits in the WHERE too: a co-host removed a moment ago changes nothing.
        var changed = await writes.RunAsync(db, (w, t) => w.Rsvps
            .Where(r => r.Id == rsvpId && r.EventId == eventId && r.Status == RsvpStatus.Confirmed && r.CheckedInAt == null
                        && w.Events.Where(x => x.Id == eventId).Where(EventPolicies.HostedBy(w, me)).Any())
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, now), t), ct);
        var person = await attendees.FindAsync(eventId, rsvpId, ct);
        if (person is null) return new(Outcome.NotFound);
        if (person.Status != RsvpStatus.Confirmed)
            return new(Outcome.Invalid("rsvpId", person.Status == RsvpStatus.Waitlisted
                ? l["{0} is on the waitlist: only people with a seat are checked in. Add them as a walk-in if there is room.", person.Name]
                : l["{0} cancelled their RSVP. Add them as a walk-in if they came after all.", person.Name]));
        if (person.CheckedInAt is null) return new(Outcome.Refused(l["Only the event's hosts may do that."]));
        // Checked in already (a double tap, a second host): the first time stays, and the answer is the same.
        var counts = changed == 1 ? await broadcast.PushAsync(eventId, person, ct) : await attendees.CountsAsync(eventId, ct);
        return new(Outcome.Ok, person, counts, Replayed: changed == 0);
    }

    /// <summary>Undoes a mistaken tap: an RSVP is no longer checked in; a walk-in added by mistake is removed.</summary>
    public async Task<CheckInResult> UndoAsync(ClaimsPrincipal user, Guid eventId, Guid rsvpId, CancellationToken ct)
    {
        if (await OpenDoorAsync(user, eventId, ct) is { Kind: not OutcomeKind.Ok } closed) return new(closed);
        var me = user.RequiredMemberId();
        var now = clock.GetUtcNow();
        var before = await attendees.FindAsync(eventId, rsvpId, ct);
        if (before is null) return new(Outcome.NotFound);
        var changed = await writes.RunAsync(db, (w, t) =>
        {
            var hosted = w.Rsvps.Where(r => r.Id == rsvpId && r.EventId == eventId && r.Status == RsvpStatus.Confirmed
                                            && w.Events.Where(x => x.Id == eventId).Where(EventPolicies.HostedBy(w, me)).Any());
            // A walk-in took no seat of the capacity, so removing one moves no counter (and promotes nobody).
            return before.WalkIn
                ? hosted.Where(r => r.WalkIn).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RsvpStatus.Cancelled).SetProperty(r => r.CancelledAt, now), t)
                : hosted.Where(r => !r.WalkIn && r.CheckedInAt != null).ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, (DateTimeOffset?)null), t);
        }, ct);
        var person = (await attendees.FindAsync(eventId, rsvpId, ct))!;
        if (changed == 0)
        {
            var done = before.WalkIn ? person.Status == RsvpStatus.Cancelled : person.CheckedInAt is null;
            if (!done)
                return person.Status == RsvpStatus.Confirmed ? new(Outcome.Refused(l["Only the event's hosts may do that."]))
                    : new(Outcome.Invalid("rsvpId", l["{0} cancelled their RSVP. Add them as a walk-in if they came after all.", person.Name]));
        }
        var counts = changed == 1 ? await broadcast.PushAsync(eventId, person, ct) : await attendees.CountsAsync(eventId, ct);
        return new(Outcome.Ok, person, counts, Replayed: changed == 0);
    }

    /// <summary>
    /// Adds someone who came without an RSVP: checked in at once, counted in <see cref="CheckInCounts.WalkIns"/>,
    /// never in the event's confirmed seats (the capacity's check stays true, and nobody on the waitlist is passed
    /// over for a seat by a walk-in). The same <paramref name="idempotencyKey"/> sent again adds nobody new.
    /// </summary>
    public async Task<CheckInResult> AddWalkInAsync(ClaimsPrincipal user, Guid eventId, WalkInInput input, string? idempotencyKey, CancellationToken ct)
    {
        if (await OpenDoorAsync(user, eventId, ct) is { Kind: not OutcomeKind.Ok } closed) return new(closed);
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return new(badKey);
        var key = sent ?? Guid.NewGuid().ToString("N");
        var errors = new FieldErrors();
        var name = UserText.Collapse(input.Name);
        if (name.Length == 0) errors.Add("name", l["Give the person's name."]);
        else if (name.Length > MaxNameLength) errors.Add("name", l["The name can be at most {0} characters.", MaxNameLength]);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : AccountRules.Email(errors, "email", input.Email, l);
        var guests = input.Guests ?? 0;
        if (guests is < 0 or > Event.MaxGuests) errors.Add("guests", l["Each person may bring between 0 and {0} guests.", Event.MaxGuests]);
        if (!errors.IsEmpty) return new(Outcome.Invalid(errors));

        // Without an email the key itself makes the row's address key: one row per key and event, by the unique
        // index on (EmailKey, IdempotencyKey). It has no "@", so it never meets a real address.
        var emailKey = email?.ToUpperInvariant() ?? $"#WALK-IN:{eventId:N}:{key}";
        if (await FindByKeyAsync(emailKey, key, ct) is { } earlier)
            return earlier.EventId == eventId ? new(Outcome.Ok, AttendeeView.Of(earlier), await attendees.CountsAsync(eventId, ct), Replayed: true)
                : new(Outcome.Invalid("Idempotency-Key", l["This idempotency key was already used for another event."]));
        if (email is not null && await db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId && r.EmailKey == emailKey && r.Status != RsvpStatus.Cancelled)
                .Select(r => r.IdempotencyKey).FirstOrDefaultAsync(ct) is { } holder)
            // The same tap, committed by a twin request a moment ago, is the same walk-in.
            return holder == key && await FindByKeyAsync(emailKey, key, ct) is { } twin
                ? new(Outcome.Ok, AttendeeView.Of(twin), await attendees.CountsAsync(eventId, ct), Replayed: true)
                : new(Outcome.Invalid("email", l["Someone with this email already has an RSVP: find them in the list and check them in."]));

        var now = clock.GetUtcNow();
        var walkIn = new Rsvp
        {
            EventId = eventId, Name = name, Email = email ?? "", EmailKey = emailKey, Guests = guests, IdempotencyKey = key,
            Status = RsvpStatus.Confirmed, WalkIn = true, CreatedAt = now, CheckedInAt = now,
        };
        try
        {
            await writes.RunAsync(db, async (w, t) =>
            {
                w.Rsvps.Add(walkIn);
                await w.SaveChangesAsync(t);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The same tap twice at once (the unique index kept one), or the same address added by two hosts.
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(emailKey, key, ct) is { } kept && kept.EventId == eventId)
                return new(Outcome.Ok, AttendeeView.Of(kept), await attendees.CountsAsync(eventId, ct), Replayed: true);
            return new(Outcome.Invalid("email", l["Someone with this email already has an RSVP: find them in the list and check them in."]));
        }
        var person = AttendeeView.Of(walkIn);
        return new(Outcome.Ok, person, await broadcast.PushAsync(eventId, person, ct));
    }

    private Task<Rsvp?> FindByKeyAsync(string emailKey, string key, CancellationToken ct) =>
        db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.EmailKey == emailKey && r.IdempotencyKey == key, ct);

    /// <summary>Hosts only, a scheduled event, and the door's hours (<see cref="IsOpen"/>).</summary>
    private async Task<Outcome> OpenDoorAsync(ClaimsPrincipal user, Guid eventId, CancellationToken ct)
    {
        var gate = await attendees.HostGateAsync(user, eventId, ct);
        if (gate.Kind != OutcomeKind.Ok) return gate;
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.Status, x.StartsAt, x.EndsAt }).SingleAsync(ct);
        if (e.Status == EventStatus.Cancelled) return Outcome.Invalid("eventId", l["This event was cancelled: there is nobody to check in."]);
        var now = clock.GetUtcNow();
        if (now < e.StartsAt - OpensBefore)
            return Outcome.Invalid("eventId", l["Check-in opens an hour before the event starts."]);
        if (now > e.EndsAt + ClosesAfter)
            return Outcome.Invalid("eventId", l["Check-in closed six hours after the event ended. Report the turnout instead."]);
        return Outcome.Ok;
    }
}
