using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// Subscribable calendars: one event, a group's events (its own and those it co-hosts), a campaign's, and a
/// member's own ("my events": what they host and where they have a place or wait). Calendar apps cannot sign
/// in, so the personal feed's address carries a token: the member's id and security stamp, protected by the
/// site's keys; a new password or a deleted account ends it.
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, SiteLinks links, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>A feed shows a month back (so last week's event does not vanish) and at most this many events.</summary>
    public const int MaxEvents = 500;
    private readonly IDataProtector protector = protection.CreateProtector("Grassroots.Events.MyCalendar.v1");

    private DateTimeOffset Since => clock.GetUtcNow().AddDays(-30);

    private IQueryable<Event> Listed => db.Events.AsNoTracking()
        .Where(e => e.Moderation == ContentModeration.Visible && e.Visibility == EventVisibility.Public && e.EndsAt > Since);

    public async Task<string?> EventAsync(string slug, Guid? viewer, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == slug && x.Moderation == ContentModeration.Visible, ct);
        if (e is null) return null;
        var inside = viewer is { } me && (await db.Events.Where(x => x.Id == e.Id).Where(EventPolicies.HostedBy(db, me)).AnyAsync(ct)
            || await db.Rsvps.AnyAsync(r => r.EventId == e.Id && r.MemberId == me && r.Status == RsvpStatus.Confirmed, ct));
        if (e.Visibility == EventVisibility.GroupMembers && !inside
            && (viewer is null || !await db.Memberships.AnyAsync(m => m.GroupId == e.GroupId && m.MemberId == viewer, ct)))
            return null;
        return Write(e.Title, [e], _ => inside);
    }

    public async Task<string?> GroupAsync(string slug, CancellationToken ct)
    {
        var g = await db.Groups.AsNoTracking().Where(x => x.Slug == slug && x.Moderation == ContentModeration.Visible).Select(x => new { x.Id, x.Name }).SingleOrDefaultAsync(ct);
        if (g is null) return null;
        var events = await Listed.Where(e => e.GroupId == g.Id || db.EventGroups.Any(h => h.EventId == e.Id && h.GroupId == g.Id))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxEvents).ToListAsync(ct);
        return Write(g.Name, events, _ => false);
    }

    public async Task<string?> CampaignAsync(string slug, CancellationToken ct)
    {
        var c = await db.Campaigns.AsNoTracking().Where(x => x.Slug == slug && x.Moderation == ContentModeration.Visible).Select(x => new { x.Id, x.Title }).SingleOrDefaultAsync(ct);
        if (c is null) return null;
        var events = await Listed.Where(e => e.CampaignId == c.Id).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxEvents).ToListAsync(ct);
        return Write(c.Title, events, _ => false);
    }

    /// <summary>A member's own calendar, named in their language (a calendar app sends none of its own).</summary>
    public async Task<string?> MineAsync(string? token, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken ct)
    {
        if (await OwnerAsync(token, ct) is not { } me) return null;
        var culture = await db.Users.Where(u => u.Id == me).Select(u => u.Culture).SingleOrDefaultAsync(ct);
        string name;
        using (RecipientCulture.Use(culture)) name = l["My events"];
        var since = Since;
        var hosted = db.Events.Where(EventPolicies.HostedBy(db, me)).Select(e => e.Id);
        var placed = db.Rsvps.Where(r => r.MemberId == me && r.Status != RsvpStatus.Cancelled).Select(r => new { r.EventId, r.Status });
        var events = await db.Events.AsNoTracking()
            .Where(e => e.EndsAt > since && (hosted.Contains(e.Id) || placed.Any(p => p.EventId == e.Id)))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxEvents).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var inside = (await hosted.Where(id => ids.Contains(id)).ToListAsync(ct))
            .Concat(await placed.Where(p => ids.Contains(p.EventId) && p.Status == RsvpStatus.Confirmed).Select(p => p.EventId).ToListAsync(ct))
            .ToHashSet();
        return Write(name, events, e => inside.Contains(e.Id));
    }

    /// <summary>The address of a member's own feed (webcal: opens the calendar app's "subscribe").</summary>
    public async Task<string?> MyFeedUrlAsync(Guid memberId, CancellationToken ct)
    {
        var stamp = await db.Users.Where(u => u.Id == memberId && u.DeletedAt == null).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        return stamp is null ? null : links.To($"/me/events.ics?token={Uri.EscapeDataString(protector.Protect($"{memberId:N}:{stamp}"))}");
    }

    private async Task<Guid?> OwnerAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500) return null;
        string plain;
        try { plain = protector.Unprotect(token); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
        var parts = plain.Split(':', 2);
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id)) return null;
        var stamp = await db.Users.Where(u => u.Id == id && u.DeletedAt == null).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        return stamp == parts[1] ? id : null;
    }

    private string Write(string name, IEnumerable<Event> events, Func<Event, bool> inside) =>
        EventCalendar.Write(name, events.Select(e => new EventCalendar.Entry(e, links.To($"/events/{e.Slug}"), inside(e))), clock.GetUtcNow());
}
