using System.Security.Claims;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

public sealed record CohostView(Guid MemberId, string Name, bool Accepted);
public sealed record CohostGroupView(Guid GroupId, string Name, string Slug);
public sealed record EventHostsView(Guid HostId, string HostName, IReadOnlyList<CohostView> Cohosts, IReadOnlyList<CohostGroupView> Groups,
    bool ExportGranted, bool ICanGrantExport);

/// <summary>
/// Co-hosts and co-hosting groups. A member asked to co-host is named on the event and gets a host's tools only
/// once they accept (their consent: their name goes on it); any host removes a co-host, and a co-host may step
/// down; access ends with the row. A group co-hosts only when one of its organizers (also a host) adds it.
/// </summary>
public sealed class Cohosting(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxCohosts = 20;

    public async Task<(EventHostsView? View, Outcome Outcome)> ReadAsync(ClaimsPrincipal actor, Guid eventId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var me = actor.RequiredMemberId();
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.HostId, x.GroupId, x.ExportGrantedAt }).SingleAsync(ct);
        var hostName = await db.Users.PublicNameAsync(e.HostId, ct);
        var cohosts = await db.EventCohosts.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.InvitedAt)
            .Join(db.Users, c => c.MemberId, u => u.Id, (c, u) => new { c.MemberId, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation, c.AcceptedAt })
            .ToListAsync(ct);
        var groups = await db.EventGroups.AsNoTracking().Where(g => g.EventId == eventId)
            .Join(db.Groups, h => h.GroupId, g => g.Id, (h, g) => new CohostGroupView(g.Id, g.Name, g.Slug)).ToListAsync(ct);
        var organizer = e.GroupId is { } gid && await db.Memberships.AnyAsync(m => m.GroupId == gid && m.MemberId == me && m.Role == GroupRole.Organizer, ct);
        return (new EventHostsView(e.HostId, hostName,
            cohosts.Select(c => new CohostView(c.MemberId, MemberNames.Public(c.DisplayName, c.ShowFullName, c.DeletedAt, c.Moderation), c.AcceptedAt != null)).ToList(),
            groups, e.ExportGrantedAt != null, organizer), Outcome.Ok);
    }

    /// <summary>Asks a member (someone coming, or a member of the event's group) to co-host; they accept on their events page.</summary>
    public async Task<Outcome> InviteAsync(ClaimsPrincipal actor, Guid eventId, Guid memberId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return refused;
        if (await db.Users.IsFrozenAsync(actor.RequiredMemberId(), ct)) return Standing.Frozen(l);
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.HostId, x.GroupId, x.Title, x.Moderation }).SingleAsync(ct);
        if (e.Moderation.IsFrozen()) return Outcome.Refused(l["A community jury is reviewing this event: it can't be changed until the jury decides."]);
        // Only people the host has met through the event or its group: no inviting strangers by id.
        var known = await db.Rsvps.AnyAsync(r => r.EventId == eventId && r.MemberId == memberId && r.Status != RsvpStatus.Cancelled, ct)
            || (e.GroupId is { } gid && await db.Memberships.AnyAsync(m => m.GroupId == gid && m.MemberId == memberId, ct));
        if (!known || !await db.Users.AnyAsync(u => u.Id == memberId && u.DeletedAt == null, ct))
            return Outcome.Invalid("memberId", l["Invite someone who is coming, or a member of the event's group."]);
        if (memberId == e.HostId) return Outcome.Invalid("memberId", l["They already host this event."]);
        if (await db.EventCohosts.AnyAsync(c => c.EventId == eventId && c.MemberId == memberId, ct)) return Outcome.Ok;
        if (await db.EventCohosts.CountAsync(c => c.EventId == eventId, ct) >= MaxCohosts)
            return Outcome.Invalid("memberId", l["An event has at most {0} co-hosts.", MaxCohosts]);
        var now = clock.GetUtcNow();
        db.EventCohosts.Add(new EventCohost { EventId = eventId, MemberId = memberId, InvitedById = actor.RequiredMemberId(), InvitedAt = now });
        // The notice (mailed at once unless they chose otherwise) commits with the invitation: asked once, told once.
        Notices.Notices.Tell(db, memberId, Notices.NoticeKind.CohostInvitation, "/me/events", now,
            new Dictionary<string, string> { ["event"] = e.Title }, actorId: actor.RequiredMemberId());
        audit.Record(actor.RequiredMemberId(), "event.cohost.invite", "event", eventId, memberId.ToString());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // asked twice at once: one row
        return Outcome.Ok;
    }

    /// <summary>The invited member says yes (or, with <paramref name="accept"/> false, no: the invitation goes).</summary>
    public async Task<Outcome> AnswerAsync(ClaimsPrincipal member, Guid eventId, bool accept, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        var changed = accept
            ? await db.EventCohosts.Where(c => c.EventId == eventId && c.MemberId == me && c.AcceptedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AcceptedAt, clock.GetUtcNow()), ct)
            : await db.EventCohosts.Where(c => c.EventId == eventId && c.MemberId == me && c.AcceptedAt == null).ExecuteDeleteAsync(ct);
        if (changed == 0 && !await db.EventCohosts.AnyAsync(c => c.EventId == eventId && c.MemberId == me, ct)) return Outcome.NotFound;
        audit.Record(me, accept ? "event.cohost.accept" : "event.cohost.decline", "event", eventId);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A host removes a co-host, or a co-host steps down. Their access ends with the row.</summary>
    public async Task<Outcome> RemoveAsync(ClaimsPrincipal actor, Guid eventId, Guid memberId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (me != memberId && await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var removed = await db.EventCohosts.Where(c => c.EventId == eventId && c.MemberId == memberId).ExecuteDeleteAsync(ct);
        if (removed == 0) return Outcome.NotFound;
        audit.Record(me, "event.cohost.remove", "event", eventId, memberId.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A group co-hosts: added by a host who organizes that group (the group's say-so), removed by either.</summary>
    public async Task<Outcome> SetGroupAsync(ClaimsPrincipal actor, Guid eventId, Guid groupId, bool cohost, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var organizes = await db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, me)).AnyAsync(ct);
        var hosts = (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host)).Kind == OutcomeKind.Ok;
        if (cohost)
        {
            if (!hosts) return Outcome.Refused(l["Only the event's hosts may do that."]);
            if (!organizes) return Outcome.Invalid("groupId", l["Only the group's organizers may add it as a co-host."]);
            if (!await db.EventGroups.AnyAsync(h => h.EventId == eventId && h.GroupId == groupId, ct))
            {
                db.EventGroups.Add(new EventGroup { EventId = eventId, GroupId = groupId, AddedById = me, AddedAt = clock.GetUtcNow() });
                audit.Record(me, "event.group.add", "event", eventId, groupId.ToString());
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException) { db.ChangeTracker.Clear(); }
            }
            return Outcome.Ok;
        }
        if (!hosts && !organizes) return Outcome.Refused(l["Only the event's hosts may do that."]);
        if (await db.EventGroups.Where(h => h.EventId == eventId && h.GroupId == groupId).ExecuteDeleteAsync(ct) == 0) return Outcome.NotFound;
        audit.Record(me, "event.group.remove", "event", eventId, groupId.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Invitations waiting for the member's answer (shown on their events page).</summary>
    public async Task<IReadOnlyList<(Guid EventId, string Slug, string Title)>> InvitationsAsync(Guid me, CancellationToken ct) =>
        (await Invitations(me).Select(e => new { e.Id, e.Slug, e.Title }).Take(50).ToListAsync(ct)).Select(x => (x.Id, x.Slug, x.Title)).ToList();

    public Task<int> InvitationCountAsync(Guid me, CancellationToken ct) => Invitations(me).CountAsync(ct);

    /// <summary>The scheduled, visible events a member is asked to co-host and has not answered.</summary>
    private IQueryable<Event> Invitations(Guid me) =>
        db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Scheduled && e.Moderation == ContentModeration.Visible
            && db.EventCohosts.Any(c => c.EventId == e.Id && c.MemberId == me && c.AcceptedAt == null));
}
