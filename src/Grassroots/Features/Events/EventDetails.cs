using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>Attendance as Mobilize's API users ask for it: RSVPs, waitlist, checked in, walk-ins.</summary>
public sealed record EventCounts(int Confirmed, int Waitlisted, int CheckedIn, int WalkIns);

/// <summary>
/// One event as a reader sees it. Times in UTC and as the wall-clock time at the place (with its zone). The
/// street address and the join link are for the host and for people who RSVPed (a house party is a home);
/// everyone else sees the city and the ZIP.
/// </summary>
public sealed record EventView(
    Guid Id, string Slug, EventKind Kind, string Title, string Description, string DescriptionHtml,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, DateTime StartsLocal, DateTime EndsLocal,
    bool Online, string? City, string? State, string? Zip, int? Capacity, int GuestsAllowed, bool Waitlist,
    EventVisibility Visibility, Guid? GroupId, EventStatus Status, EventCounts Counts,
    string? Address, string? OnlineUrl, bool IHost, RsvpView? MyRsvp,
    string? DialIn = null, string? DialPin = null, Guid? CampaignId = null, string? CampaignSlug = null, string? CampaignTitle = null,
    string? GroupSlug = null, string? GroupName = null, ContentModeration Moderation = ContentModeration.Visible,
    IReadOnlyList<string>? HostNames = null);

public sealed class EventDetails(AppDbContext db, ModerationNotices notices)
{
    /// <summary>The event as the reader may see it; null when it does not exist for them, or a jury hides it from them.</summary>
    public async Task<EventView?> ReadAsync(string idOrSlug, ClaimsPrincipal viewer, CancellationToken ct) =>
        (await ReadWithNoticeAsync(idOrSlug, viewer, ct)) is { View: { } v, Notice.ShowContent: true } ? v : null;

    /// <summary>
    /// The event and what moderation says of it: a jury's notice replaces it for everyone but its hosts and, while
    /// it is under review, its jurors (View null, Notice set); (null, None) when there is no such event for the reader.
    /// </summary>
    public async Task<(EventView? View, ModerationNotice Notice, string? Title)> ReadWithNoticeAsync(string idOrSlug, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var query = db.Events.AsNoTracking();
        var e = Guid.TryParse(idOrSlug, out var id) ? await query.SingleOrDefaultAsync(x => x.Id == id, ct)
            : idOrSlug.Length <= 140 ? await query.SingleOrDefaultAsync(x => x.Slug == idOrSlug, ct) : null;
        if (e is null) return (null, ModerationNotice.None, null);
        var me = viewer.MemberId();
        var host = me is { } m0 && (m0 == e.HostId || await db.Events.Where(x => x.Id == e.Id).Where(EventPolicies.HostedBy(db, m0)).AnyAsync(ct));
        var notice = await notices.ForViewerAsync(FlaggableEvent.Type, e.Id.ToString(), e.Moderation, host, me, ct);
        if (e.Visibility == EventVisibility.GroupMembers && !host && !notice.IAmJuror
            && (me is null || !await db.Memberships.AnyAsync(m => m.GroupId == e.GroupId && m.MemberId == me, ct)))
            return (null, ModerationNotice.None, null);
        if (!notice.ShowContent) return (null, notice, e.Title);
        return (await ViewAsync(e, me, host, ct), notice, e.Title);
    }

    public ProblemHttpResult Refusal(ModerationNotice notice) => notices.Problem(notice);

    private async Task<EventView> ViewAsync(Event e, Guid? me, bool host, CancellationToken ct)
    {
        var mine = me is null ? null : await db.Rsvps.AsNoTracking()
            .Where(r => r.EventId == e.Id && r.MemberId == me && r.Status != RsvpStatus.Cancelled).SingleOrDefaultAsync(ct);
        var inside = host || mine is { Status: RsvpStatus.Confirmed };
        var checkedIn = await db.Rsvps.Where(r => r.EventId == e.Id && r.CheckedInAt != null && r.Status == RsvpStatus.Confirmed)
            .GroupBy(r => r.WalkIn).Select(g => new { WalkIn = g.Key, Seats = g.Sum(r => 1 + r.Guests) }).ToListAsync(ct);
        var campaign = e.CampaignId is { } cid ? await db.Campaigns.Where(c => c.Id == cid).Select(c => new { c.Slug, c.Title }).SingleOrDefaultAsync(ct) : null;
        var group = e.GroupId is { } gid ? await db.Groups.Where(g => g.Id == gid).Select(g => new { g.Slug, g.Name }).SingleOrDefaultAsync(ct) : null;
        // Who hosts it, as the public knows them: the host, then the co-hosts who accepted (their name goes on it by their consent).
        var names = await db.EventCohosts.AsNoTracking().Where(c => c.EventId == e.Id && c.AcceptedAt != null).OrderBy(c => c.AcceptedAt)
            .Join(db.Users, c => c.MemberId, u => u.Id, (c, u) => new { u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct);
        List<string> hostNames = [await db.Users.PublicNameAsync(e.HostId, ct), .. names.Select(n => MemberNames.Public(n.DisplayName, n.ShowFullName, n.DeletedAt, n.Moderation))];
        var counts = new EventCounts(e.Confirmed, e.Waitlisted,
            checkedIn.Sum(c => c.Seats), checkedIn.Where(c => c.WalkIn).Sum(c => c.Seats));
        return new EventView(e.Id, e.Slug, e.Kind, e.Title, e.Description, e.DescriptionHtml, e.StartsAt, e.EndsAt, e.TimeZone,
            EventTimes.Local(e.StartsAt, e.TimeZone).DateTime, EventTimes.Local(e.EndsAt, e.TimeZone).DateTime,
            e.Online, e.City, e.State, e.Zip, e.Capacity, e.GuestsAllowed, e.Waitlist, e.Visibility, e.GroupId, e.Status, counts,
            inside ? e.Address : null, inside ? e.OnlineUrl : null, host, mine is null ? null : RsvpView.Of(mine),
            inside ? e.DialIn : null, inside ? e.DialPin : null, e.CampaignId, campaign?.Slug, campaign?.Title, group?.Slug, group?.Name, e.Moderation, hostNames);
    }
}
