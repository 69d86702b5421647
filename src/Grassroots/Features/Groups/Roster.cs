using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>
/// Joining, leaving and organizer roles. Every change starts by updating the group's member
/// count, which locks the group row (PostgreSQL) or takes the write lock (SQLite), so changes to
/// one group are serialized and "never without an organizer" holds under parallel requests.
/// </summary>
public sealed class Roster(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, GrassrootsMetrics metrics, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> JoinAsync(Guid groupId, Guid memberId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // No one joins a group a jury reviews or removed: the condition is in the write, so a join
        // racing the flag that hides the group cannot slip in between a check and the insert.
        if (await db.Groups.Where(g => g.Id == groupId && g.Moderation == ContentModeration.Visible)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount + 1), ct) == 0)
        {
            await tx.RollbackAsync(ct);
            var state = await db.Groups.Where(g => g.Id == groupId).Select(g => (ContentModeration?)g.Moderation).SingleOrDefaultAsync(ct);
            return state is { } s ? Outcome.Invalid("groupId", GroupRules.Frozen(s, l)) : Outcome.NotFound;
        }
        if (await db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome.Ok; // joining twice is harmless: a retried request must not fail
        }
        db.Memberships.Add(new Membership { GroupId = groupId, MemberId = memberId, Role = GroupRole.Member, JoinedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        metrics.MembershipsJoined.Add(1);
        return Outcome.Ok;
    }

    /// <summary>Leaves the group. The last organizer must name a successor, who becomes an organizer.</summary>
    public async Task<Outcome> LeaveAsync(Guid groupId, Guid memberId, Guid? successorId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount - 1), ct) == 0)
            return Outcome.NotFound;
        var mine = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct);
        if (mine is null)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Ok; // not a member: leaving again is harmless
        }
        if (mine.Role == GroupRole.Organizer && !await HasOtherOrganizerAsync(groupId, memberId, ct))
        {
            var successor = successorId is { } sid && sid != memberId
                ? await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == groupId && m.MemberId == sid, ct)
                : null;
            if (successor is null)
            {
                await tx.RollbackAsync(ct);
                return Outcome.Invalid("successorId", successorId is null
                    ? l["You are this group's last organizer. Name another member as organizer before you leave."]
                    : l["The successor you named is not a member of this group."]);
            }
            successor.Role = GroupRole.Organizer;
            audit.Record(memberId, "group.organizer.add", "group", groupId, $"successor {successor.MemberId}");
        }
        db.Memberships.Remove(mine);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>An organizer makes another member an organizer.</summary>
    public async Task<Outcome> AddOrganizerAsync(ClaimsPrincipal actor, Guid groupId, Guid memberId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var actorId = actor.RequiredMemberId();
        // The permission rides in the WHERE: an organizer who stepped down, or a group a jury froze, meanwhile changes nothing.
        var organized = db.Groups.Where(g => g.Id == groupId).Where(GroupPolicies.OrganizedBy(db.Memberships, actorId));
        var updated = await db.Memberships.Where(m => m.GroupId == groupId && m.MemberId == memberId && organized.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, GroupRole.Organizer), ct);
        if (updated == 0)
            return await organized.AnyAsync(ct) ? Outcome.Invalid("memberId", l["Only a member of the group can become an organizer. Ask them to join first."])
                : Outcome.Refused(l["Only the group's organizers may do that."]);
        audit.Record(actorId, "group.organizer.add", "group", groupId, $"member {memberId}");
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public Task<bool> HasOtherOrganizerAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.Role == GroupRole.Organizer && m.MemberId != memberId, ct);

    public Task<bool> ExistsAsync(Guid groupId, CancellationToken ct) => db.Groups.AnyAsync(g => g.Id == groupId, ct);

    public Task<bool> IsMemberAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId, ct);

    public Task<bool> IsOrganizerAsync(Guid groupId, Guid memberId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId && m.Role == GroupRole.Organizer, ct);
}
