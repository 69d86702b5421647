using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>Where I am going, waiting or hosting.</summary>
public enum MyRole { Hosting, Going, Waiting }

public sealed record MyEvent(Guid Id, string Slug, string Title, DateTimeOffset StartsAt, string TimeZone, DateTime StartsLocal, bool Online,
    string? City, string? State, EventStatus Status, MyRole Role, Guid? RsvpId);

/// <summary>
/// A member's own events, upcoming first: those they host (or co-host, or organize through their group) and
/// those they RSVPed to, as a member or, before they joined, as a guest with the address they proved.
/// </summary>
public sealed class MyEvents(AppDbContext db, TimeProvider clock)
{
    public async Task<Page<MyEvent>> ListAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var since = clock.GetUtcNow().AddHours(-12);
        var hosted = db.Events.Where(EventPolicies.HostedBy(db, me)).Select(e => e.Id);
        var mine = db.Rsvps.Where(r => r.MemberId == me && r.Status != RsvpStatus.Cancelled);
        var query = db.Events.AsNoTracking().Where(e => e.EndsAt > since && (hosted.Contains(e.Id) || mine.Any(r => r.EventId == e.Id)));
        var rows = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new { Event = e, Hosting = hosted.Contains(e.Id), Rsvp = mine.Where(r => r.EventId == e.Id).Select(r => new { r.Id, r.Status }).FirstOrDefault() })
            .ToListAsync(ct);
        var items = rows.Select(x => new MyEvent(x.Event.Id, x.Event.Slug, x.Event.Title, x.Event.StartsAt, x.Event.TimeZone,
            EventTimes.Local(x.Event.StartsAt, x.Event.TimeZone).DateTime, x.Event.Online, x.Event.City, x.Event.State, x.Event.Status,
            x.Hosting ? MyRole.Hosting : x.Rsvp?.Status == RsvpStatus.Waitlisted ? MyRole.Waiting : MyRole.Going, x.Rsvp?.Id)).ToList();
        return new Page<MyEvent>(items, p, size, await query.CountAsync(ct));
    }
}
