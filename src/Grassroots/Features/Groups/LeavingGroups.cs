using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

/// <summary>
/// A member who deletes their account leaves every group. Where they were the last organizer, the
/// longest-standing member takes over, so no group is left without one.
/// </summary>
internal sealed class LeavingGroups(AppDbContext db, Roster roster, AuditLog audit) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var memberships = await db.Memberships.Where(m => m.MemberId == memberId).ToListAsync(ct);
        foreach (var mine in memberships)
        {
            await db.Groups.Where(g => g.Id == mine.GroupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MemberCount, g => g.MemberCount - 1), ct);
            if (mine.Role == GroupRole.Organizer && !await roster.HasOtherOrganizerAsync(mine.GroupId, memberId, ct))
            {
                var heir = await db.Memberships.Where(m => m.GroupId == mine.GroupId && m.MemberId != memberId)
                    .OrderBy(m => m.JoinedAt).FirstOrDefaultAsync(ct);
                if (heir is not null)
                {
                    heir.Role = GroupRole.Organizer;
                    audit.Record(null, "group.organizer.add", "group", mine.GroupId, $"{heir.MemberId} succeeds a deleted account");
                }
            }
            db.Memberships.Remove(mine);
        }
        await db.SaveChangesAsync(ct);
    }
}
