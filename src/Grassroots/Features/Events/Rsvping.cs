using System.Security.Claims;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>A guest's RSVP gives a name, an email and (optionally) a ZIP; a member's comes from their account.</summary>
public sealed record RsvpInput(string? Name = null, string? Email = null, string? Zip = null, int? Guests = null);

public sealed record RsvpView(Guid Id, Guid EventId, string Name, int Guests, RsvpStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt)
{
    public static RsvpView Of(Rsvp r) => new(r.Id, r.EventId, r.Name, r.Guests, r.Status, r.CreatedAt, r.CheckedInAt);
}

/// <summary>What an RSVP answered: the RSVP (new, or found again under its key), and the cancel link's secret when new.</summary>
/// <param name="Mailed">A guest's address already had an RSVP here: the answer does not say so (that would tell anyone who
/// is going where); the address's owner gets a mail with their RSVP and its cancel link instead.</param>
public sealed record RsvpResult(Outcome Outcome, RsvpView? Rsvp = null, bool Replayed = false, bool Mailed = false);

/// <summary>
/// RSVPs: a seat if there is one (a conditional UPDATE of the event's count, so parallel RSVPs for the last
/// seats never oversell), else the waitlist (or a refusal, where the host keeps none). A cancellation gives
/// its seats to the first people waiting who fit, in the same transaction.
/// </summary>
public sealed class Rsvping(AppDbContext db, GroupCommit writes, ZipCodes zips, EventMail mail, RsvpLinks links, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxNameLength = 80;

    public async Task<RsvpResult> RsvpAsync(ClaimsPrincipal? user, Guid eventId, RsvpInput input, string? idempotencyKey, CancellationToken ct)
    {
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return new(badKey);
        var key = sent ?? Guid.NewGuid().ToString("N");

        // Who: the signed-in member (their account's name and address), or a guest who says who they are.
        var memberId = user?.MemberId();
        string name, email;
        string? culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var errors = new FieldErrors();
        if (memberId is { } id)
        {
            var m = await db.Users.AsNoTracking().Where(u => u.Id == id && u.DeletedAt == null).Select(u => new { u.DisplayName, u.Email, u.Culture }).SingleOrDefaultAsync(ct);
            if (m?.Email is null) return new(Outcome.NotFound);
            (name, email, culture) = (m.DisplayName, m.Email, m.Culture);
        }
        else
        {
            name = Infrastructure.Text.UserText.Collapse(input.Name);
            if (name.Length == 0) errors.Add("name", l["Give your name, so the host knows who is coming."]);
            else if (name.Length > MaxNameLength) errors.Add("name", l["The name can be at most {0} characters.", MaxNameLength]);
            email = AccountRules.Email(errors, "email", input.Email, l) ?? "";
        }
        if (!string.IsNullOrWhiteSpace(input.Zip) && zips.Find(input.Zip) is null)
            errors.Add("zip", l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Echo.Short(input.Zip.Trim(), 40)]);
        var guests = input.Guests ?? 0;
        var emailKey = email.ToUpperInvariant();

        // A retried request finds what it made.
        if (await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.EmailKey == emailKey && r.IdempotencyKey == key, ct) is { } earlier)
            return earlier.EventId == eventId ? new(Outcome.Ok, RsvpView.Of(earlier), Replayed: true)
                : new(Outcome.Invalid("Idempotency-Key", l["This idempotency key was already used for another RSVP."]));

        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).SingleOrDefaultAsync(ct);
        if (e is null || e.Moderation != Moderation.ContentModeration.Visible) return new(Outcome.NotFound);
        if (e.Visibility == EventVisibility.GroupMembers
            && (memberId is null || !await db.Memberships.AnyAsync(m => m.GroupId == e.GroupId && m.MemberId == memberId, ct)))
            return new(Outcome.NotFound);
        if (e.Status == EventStatus.Cancelled) return new(Outcome.Invalid("eventId", l["This event was cancelled: it takes no RSVPs."]));
        if (e.StartsAt <= clock.GetUtcNow()) return new(Outcome.Invalid("eventId", l["This event has already started: it takes no more RSVPs."]));
        if (guests < 0 || guests > e.GuestsAllowed)
            errors.Add("guests", e.GuestsAllowed == 0 ? l["This event takes no guests: RSVP for yourself."] : l.Count(e.GuestsAllowed, "You may bring at most 1 guest.", "You may bring at most {0} guests."));
        if (!errors.IsEmpty) return new(Outcome.Invalid(errors));
        if (e.Capacity is { } cap && 1 + guests > cap) return new(Outcome.Invalid("guests", l.Count(cap, "The event has 1 place in all.", "The event has {0} places in all.")));
        // Full with no waitlist is said before looking for the address's RSVP: the same answer for every address,
        // so a guest's RSVP never tells whether someone else's address is going.
        if (memberId is null && !e.Waitlist && e.Capacity is { } full && e.Confirmed + 1 + guests > full) return new(Outcome.Invalid("eventId", l["The event is full."]));
        if (await db.Rsvps.AnyAsync(r => r.EventId == eventId && r.EmailKey == emailKey && r.Status != RsvpStatus.Cancelled, ct))
            return await AlreadyAsync(memberId, e, emailKey, culture, ct);

        var rsvp = new Rsvp
        {
            EventId = eventId, MemberId = memberId, Name = name, Email = email, EmailKey = emailKey,
            Zip = string.IsNullOrWhiteSpace(input.Zip) ? null : input.Zip.Trim(), Guests = guests, IdempotencyKey = key,
            Culture = culture, CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            // The confirmation (or waitlist) mail commits with the RSVP: acknowledged means it will arrive.
            var placed = await writes.RunAsync(db, (writer, token) => PlaceAsync(writer, rsvp, e.Waitlist,
                placedRsvp => mail.Enqueue(writer, e, placedRsvp, placedRsvp.Status == RsvpStatus.Confirmed ? RsvpMailKind.Confirmed : RsvpMailKind.Waitlisted, culture), token), ct);
            if (!placed) return new(Outcome.Invalid("eventId", l["The event is full."]));
            mail.Sent();
        }
        catch (DbUpdateException)
        {
            // The same request twice at once, or the same person twice: the unique indexes kept one.
            db.ChangeTracker.Clear();
            if (await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.EmailKey == emailKey && r.IdempotencyKey == key, ct) is { } kept)
                return new(Outcome.Ok, RsvpView.Of(kept), Replayed: true);
            return await AlreadyAsync(memberId, e, emailKey, culture, ct);
        }
        return new(Outcome.Ok, RsvpView.Of(rsvp));
    }

    /// <summary>
    /// The address already has an RSVP here. A member is told (it is their own address); a guest's answer
    /// looks like any other ("check your email") and the mailbox gets the RSVP again, at most once an hour.
    /// </summary>
    private async Task<RsvpResult> AlreadyAsync(Guid? memberId, Event e, string emailKey, string? culture, CancellationToken ct)
    {
        if (memberId is not null) return new(Outcome.Invalid("email", l["You have already RSVPed to this event with this address."]));
        var existing = await db.Rsvps.AsNoTracking().Where(r => r.EventId == e.Id && r.EmailKey == emailKey && r.Status != RsvpStatus.Cancelled).FirstOrDefaultAsync(ct);
        if (existing is null) return new(Outcome.Ok, Mailed: true);
        var hourAgo = clock.GetUtcNow().AddHours(-1);
        if (existing.AgainMailedAt is null || existing.AgainMailedAt < hourAgo)
        {
            // Claimed by a conditional update: a burst of the same address mails once.
            if (await db.Rsvps.Where(r => r.Id == existing.Id && (r.AgainMailedAt == null || r.AgainMailedAt < hourAgo))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.AgainMailedAt, clock.GetUtcNow()), ct) == 1)
            {
                mail.Enqueue(db, e, existing, RsvpMailKind.Again, existing.Culture ?? culture);
                await db.SaveChangesAsync(ct);
                mail.Sent();
            }
        }
        return new(Outcome.Ok, Mailed: true);
    }

    /// <summary>A seat if the count allows it, else the waitlist (or nothing); the RSVP row in the same transaction.</summary>
    private static async Task<bool> PlaceAsync(AppDbContext db, Rsvp rsvp, bool waitlist, Action<Rsvp> placed, CancellationToken ct)
    {
        var seats = rsvp.Seats;
        var taken = await db.Events.Where(x => x.Id == rsvp.EventId && x.Status == EventStatus.Scheduled && (x.Capacity == null || x.Confirmed + seats <= x.Capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed + seats), ct);
        if (taken == 0)
        {
            if (!waitlist) return false;
            await db.Events.Where(x => x.Id == rsvp.EventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Waitlisted, x => x.Waitlisted + seats), ct);
        }
        rsvp.Status = taken == 1 ? RsvpStatus.Confirmed : RsvpStatus.Waitlisted;
        db.Rsvps.Add(rsvp);
        placed(rsvp);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Cancels an RSVP, by its member or by the secret of the confirmation's cancel link. Its seats go to the
    /// first people waiting who fit, in arrival order; returns who moved up (to be told).
    /// </summary>
    public async Task<(Outcome Outcome, IReadOnlyList<Rsvp> Promoted)> CancelAsync(ClaimsPrincipal? user, Guid eventId, Guid rsvpId, string? cancelToken, CancellationToken ct)
    {
        var memberId = user?.MemberId();
        var rsvp = await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rsvpId && r.EventId == eventId, ct);
        if (rsvp is null) return (Outcome.NotFound, []);
        var allowed = (memberId is { } me && rsvp.MemberId == me)
            || links.Opens(rsvp.Id, cancelToken);
        if (!allowed) return (Outcome.NotFound, []);
        // A walk-in holds none of the event's seats: "cancelling" one would take seats from the counts that others hold.
        if (rsvp.WalkIn) return (Outcome.Invalid("rsvpId", l["This person was added at the door: a host removes them on the check-in page."]), []);
        if (rsvp.Status == RsvpStatus.Cancelled) return (Outcome.Ok, []);
        // The people who move up hear of it in the same commit (with their place's details and invite.ics).
        var promoted = await writes.RunAsync(db, (writer, token) => CancelAndPromoteAsync(writer, rsvp.Id, eventId, clock.GetUtcNow(),
            (e, moved, culture) => mail.Enqueue(writer, e, moved, RsvpMailKind.Promoted, culture), token), ct);
        if (promoted.Count > 0) mail.Sent();
        return (Outcome.Ok, promoted);
    }

    private static async Task<IReadOnlyList<Rsvp>> CancelAndPromoteAsync(AppDbContext db, Guid rsvpId, Guid eventId, DateTimeOffset now,
        Action<Event, Rsvp, string?> tell, CancellationToken ct)
    {
        // The event's row first: cancellations and RSVPs of one event take turns on it.
        await db.Events.Where(x => x.Id == eventId).LockAsync(x => x.Confirmed, ct);
        var rsvp = await db.Rsvps.SingleAsync(r => r.Id == rsvpId, ct);
        if (rsvp.Status == RsvpStatus.Cancelled || rsvp.WalkIn) return [];
        var was = rsvp.Status;
        rsvp.Status = RsvpStatus.Cancelled;
        rsvp.CancelledAt = now;
        var seats = rsvp.Seats;
        if (was == RsvpStatus.Confirmed)
            await db.Events.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed - seats), ct);
        else
            await db.Events.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Waitlisted, x => x.Waitlisted - seats), ct);
        await db.SaveChangesAsync(ct);
        if (was != RsvpStatus.Confirmed) return [];

        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).SingleAsync(ct);
        var promoted = await Waitlists.PromoteAsync(db, e, now, ct);
        foreach (var p in promoted) tell(e, p, p.Culture);
        await db.SaveChangesAsync(ct);
        return promoted;
    }
}

/// <summary>The waitlist moving up: the first people waiting who fit, in arrival order, get the free places.</summary>
public static class Waitlists
{
    /// <summary>Call holding the event's row (after a cancellation or a raised capacity); the caller saves.</summary>
    public static async Task<List<Rsvp>> PromoteAsync(AppDbContext db, Event e, DateTimeOffset now, CancellationToken ct)
    {
        if (e.StartsAt <= now || e.Status != EventStatus.Scheduled) return [];
        var confirmed = await db.Events.Where(x => x.Id == e.Id).Select(x => x.Confirmed).SingleAsync(ct);
        var free = e.Capacity is { } cap ? cap - confirmed : int.MaxValue;
        var promoted = new List<Rsvp>();
        if (free <= 0) return promoted;
        // A party of four waits while a single behind it fits: the host keeps the order; a later
        // cancellation may make room for them.
        foreach (var waiting in await db.Rsvps.Where(r => r.EventId == e.Id && r.Status == RsvpStatus.Waitlisted).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(200).ToListAsync(ct))
        {
            if (waiting.Seats > free) break;
            waiting.Status = RsvpStatus.Confirmed;
            free -= waiting.Seats;
            promoted.Add(waiting);
        }
        if (promoted.Count > 0)
        {
            var moved = promoted.Sum(p => p.Seats);
            await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Confirmed, x => x.Confirmed + moved).SetProperty(x => x.Waitlisted, x => x.Waitlisted - moved), ct);
        }
        return promoted;
    }
}
