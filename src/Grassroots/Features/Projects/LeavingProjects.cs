using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>
/// A member who deletes their account stops owning, following and promising. A project they ran
/// alone passes to its longest-standing follower (pledgers follow too), the way a group passes to
/// its longest-standing member; their open pledges are withdrawn so the slots they held reopen.
/// </summary>
internal sealed class LeavingProjects(AppDbContext db, AuditLog audit, TimeProvider clock) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var owned = await db.ProjectOwners.Where(o => o.MemberId == memberId).Select(o => o.ProjectId).ToListAsync(ct);
        foreach (var projectId in owned)
        {
            await db.ProjectOwners.Where(o => o.ProjectId == projectId && o.MemberId == memberId).ExecuteDeleteAsync(ct);
            if (await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId, ct)) continue;
            var heir = await db.ProjectFollowers
                .Where(f => f.ProjectId == projectId && f.MemberId != memberId && db.Users.Any(u => u.Id == f.MemberId && u.DeletedAt == null))
                .OrderBy(f => f.FollowedAt).Select(f => (Guid?)f.MemberId).FirstOrDefaultAsync(ct);
            if (heir is { } next)
            {
                db.ProjectOwners.Add(new ProjectOwner { ProjectId = projectId, MemberId = next, AddedAt = now });
                audit.Record(null, "project.owner.add", "project", projectId, $"{next} succeeds a deleted account");
            }
        }

        // Each open pledge is withdrawn, as if the member had done it, so the slots they held reopen.
        var open = await db.Pledges.Where(Pledge.IsActive).Where(p => p.MemberId == memberId)
            .Select(p => new { p.Id, p.NeedId, p.Amount, p.Status }).ToListAsync(ct);
        foreach (var p in open)
        {
            await db.Pledges.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, PledgeStatus.Withdrawn).SetProperty(x => x.DecidedAt, now), ct);
            await NeedCounters.GiveBackAsync(db, p.NeedId, p.Amount, p.Status == PledgeStatus.Accepted, ct);
        }
        await db.ProjectFollowers.Where(f => f.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.OwnerInvitations.Where(i => i.MemberId == memberId || i.InvitedById == memberId).ExecuteDeleteAsync(ct);
    }
}
