using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// Events can be flagged; the organizers of the event's group see the flags; its host and accepted co-hosts are
/// its authors. Under review or removed, an event leaves every list, the map and the feeds (they list visible
/// events only), takes no RSVPs, changes or messages, and its page shows the jury's notice instead.
/// </summary>
internal sealed class FlaggableEvent(AppDbContext db) : IFlaggableContent
{
    public const string Type = "event";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var e = await db.Events.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title, x.Slug, x.GroupId, x.HostId }).SingleOrDefaultAsync(ct);
        if (e is null) return null;
        var cohosts = await db.EventCohosts.Where(c => c.EventId == id && c.AcceptedAt != null).Select(c => c.MemberId).ToListAsync(ct);
        return new FlagTarget(id.ToString(), e.Title, "/events/" + e.Slug, e.GroupId, [e.HostId, .. cohosts]);
    }

    public async Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct)
    {
        var eventId = Guid.Parse(id);
        await db.Events.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Moderation, state), ct);
    }
}

/// <summary>Campaigns can be flagged too: their creator (and the running group's organizers, who see the flags) answer for the banner.</summary>
internal sealed class FlaggableCampaign(AppDbContext db) : IFlaggableContent
{
    public const string Type = "campaign";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var c = await db.Campaigns.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Title, x.Slug, x.GroupId, x.CreatedById }).SingleOrDefaultAsync(ct);
        return c is null ? null : new FlagTarget(id.ToString(), c.Title, "/campaigns/" + c.Slug, c.GroupId, [c.CreatedById]);
    }

    public async Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct)
    {
        var campaignId = Guid.Parse(id);
        await db.Campaigns.Where(x => x.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Moderation, state), ct);
    }
}
