using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// A member who deletes their account: their upcoming RSVPs are cancelled (the places go to the people
/// waiting, who are mailed) and the name and address on every RSVP of theirs are erased. Events they host
/// pass to a co-host who accepted; with none, upcoming ones are called off (attendees are mailed), unless
/// the event belongs to a group, whose organizers keep running it.
/// </summary>
internal sealed class LeavingEvents(AppDbContext db, EventMail mail, AuditLog audit, TimeProvider clock) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // RSVPs made as a guest with the address the account proved (after joining, signed out) are theirs too.
        var proved = await db.Users.Where(u => u.Id == memberId && u.EmailConfirmed).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(ct);
        if (proved is not null) await new GuestRsvps(db).EmailConfirmedAsync(memberId, proved, ct);
        foreach (var r in await db.Rsvps.Where(r => r.MemberId == memberId && r.Status != RsvpStatus.Cancelled).ToListAsync(ct))
        {
            var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == r.EventId, ct);
            if (e.EndsAt <= now) continue;
            await db.Events.Where(x => x.Id == e.Id).LockAsync(x => x.Confirmed, ct);
            var seats = r.Seats;
            if (r.Status == RsvpStatus.Confirmed && !r.WalkIn)
                await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Confirmed, x => x.Confirmed - seats), ct);
            else if (r.Status == RsvpStatus.Waitlisted)
                await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Waitlisted, x => x.Waitlisted - seats), ct);
            var was = r.Status;
            r.Status = RsvpStatus.Cancelled;
            r.CancelledAt = now;
            await db.SaveChangesAsync(ct);
            if (was == RsvpStatus.Confirmed)
                foreach (var p in await Waitlists.PromoteAsync(db, e, now, ct)) mail.Enqueue(db, e, p, RsvpMailKind.Promoted, p.Culture);
        }
        // What stays (past attendance, counts) no longer says who.
        await db.Rsvps.Where(r => r.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Name, "—").SetProperty(r => r.Email, "").SetProperty(r => r.EmailKey, r => "DELETED:" + r.Id.ToString())
            .SetProperty(r => r.Zip, (string?)null).SetProperty(r => r.MemberId, (Guid?)null), ct);

        foreach (var e in await db.Events.Where(x => x.HostId == memberId && x.EndsAt > now && x.Status == EventStatus.Scheduled).ToListAsync(ct))
        {
            var heir = await db.EventCohosts.Where(c => c.EventId == e.Id && c.AcceptedAt != null && c.MemberId != memberId)
                .OrderBy(c => c.AcceptedAt).Select(c => (Guid?)c.MemberId).FirstOrDefaultAsync(ct);
            if (heir is { } next)
            {
                e.HostId = next;
                await db.EventCohosts.Where(c => c.EventId == e.Id && c.MemberId == next).ExecuteDeleteAsync(ct);
                audit.Record(null, "event.host.succeed", "event", e.Id, $"{next} succeeds a deleted account");
            }
            else if (e.GroupId is null)
            {
                e.Status = EventStatus.Cancelled;
                e.CancelledAt = now;
                e.Sequence++;
                e.UpdatedAt = now;
                foreach (var r in await db.Rsvps.AsNoTracking().Where(r => r.EventId == e.Id && r.Status != RsvpStatus.Cancelled && !r.WalkIn).ToListAsync(ct))
                    mail.Enqueue(db, e, r, RsvpMailKind.Cancelled, r.Culture);
                audit.Record(null, "event.cancel", "event", e.Id, "its host deleted their account");
            }
        }
        await db.EventCohosts.Where(c => c.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed record ExportedRsvp(Guid EventId, string Event, DateTimeOffset StartsAt, string Status, int Guests, DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt);
public sealed record ExportedHostedEvent(Guid Id, string Title, DateTimeOffset StartsAt, string Status);

/// <summary>Events' part of a member's data export: their RSVPs and the events they host.</summary>
internal sealed class EventsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.CreatedAt)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { r, e.Title, e.StartsAt })
            .Select(x => new ExportedRsvp(x.r.EventId, x.Title, x.StartsAt, x.r.Status.ToString(), x.r.Guests, x.r.CreatedAt, x.r.CheckedInAt))
            .ToListAsync(ct);
        var hosted = await db.Events.AsNoTracking().Where(e => e.HostId == memberId).OrderBy(e => e.StartsAt)
            .Select(e => new ExportedHostedEvent(e.Id, e.Title, e.StartsAt, e.Status.ToString())).ToListAsync(ct);
        return [("rsvps", rsvps), ("hostedEvents", hosted)];
    }
}
