using System.Security.Claims;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// A group's upcoming events: its own and those it co-hosts. Members-only events are listed to the group's
/// members alone, as their pages are shown.
/// </summary>
public sealed class GroupEvents(AppDbContext db, TimeProvider clock)
{
    public async Task<Page<EventListing>?> UpcomingAsync(string idOrSlug, Guid? viewer, int? page, int? pageSize, CancellationToken ct)
    {
        var groups = db.Groups.AsNoTracking().Where(g => g.Moderation == ContentModeration.Visible);
        var id = Guid.TryParse(idOrSlug, out var g) ? await groups.Where(x => x.Id == g).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(ct)
            : idOrSlug.Length <= 140 ? await groups.Where(x => x.Slug == idOrSlug).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(ct) : null;
        if (id is not { } groupId) return null;
        var member = viewer is { } me && await db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == me, ct);
        return await UpcomingAsync(groupId, member, page, pageSize, ct);
    }

    public async Task<Page<EventListing>> UpcomingAsync(Guid groupId, bool member, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var now = clock.GetUtcNow();
        var query = db.Events.AsNoTracking().Where(e => e.EndsAt > now && e.Status == EventStatus.Scheduled && e.Moderation == ContentModeration.Visible
            && (e.Visibility == EventVisibility.Public || member)
            && (e.GroupId == groupId || db.EventGroups.Any(h => h.EventId == e.Id && h.GroupId == groupId)));
        var items = await EventListing.PageAsync(query, p, size, ct);
        var total = items.Count < size && (items.Count > 0 || p == 1) ? (p - 1) * size + items.Count : await query.CountAsync(ct);
        return new Page<EventListing>(items, p, size, total);
    }
}

public sealed record GroupEventsSectionModel(GroupView Group, Page<EventListing> Events, bool CanHost);

/// <summary>The group's upcoming events on its page; its organizers get "host an event for this group".</summary>
internal sealed class GroupEventsSection(GroupEvents events) : IGroupPageSection
{
    public int Order => 5;

    public async Task<GroupPageSection?> LoadAsync(GroupView group, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var page = await events.UpcomingAsync(group.Id, group.MyRole is not null, 1, 10, ct);
        return new GroupPageSection("/Features/Events/Pages/_GroupEvents.cshtml",
            new GroupEventsSectionModel(group, page, CanHost: group.MyRole == GroupRole.Organizer && !group.Moderation.IsFrozen()));
    }
}
