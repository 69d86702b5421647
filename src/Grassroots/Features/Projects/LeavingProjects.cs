using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>
/// A member who deletes their account stops owning, following and promising. For a project they ran
/// alone, its longest-standing followers (pledgers follow too) are invited to take it over: the first
/// to accept owns it; no one is made answerable for a project without saying yes. Their open pledges
/// are withdrawn so the slots they held reopen.
/// </summary>
internal sealed class LeavingProjects(AppDbContext db, Outbox outbox, SiteLinks links, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : IAccountDeletionStep
{
    private const int Heirs = 3;

    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.OwnerInvitations.Where(i => i.MemberId == memberId || i.InvitedById == memberId).ExecuteDeleteAsync(ct);
        var owned = await db.ProjectOwners.Where(o => o.MemberId == memberId).Select(o => o.ProjectId).ToListAsync(ct);
        foreach (var projectId in owned)
        {
            await db.ProjectOwners.Where(o => o.ProjectId == projectId && o.MemberId == memberId).ExecuteDeleteAsync(ct);
            if (await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId, ct)) continue;
            // Hidden or removed content is offered to nobody: the offer would mail its title around, and
            // the jury's case goes on without an author.
            if (!await db.Projects.Where(Project.Listed).AnyAsync(p => p.Id == projectId, ct)) continue;
            var heirs = await (from f in db.ProjectFollowers
                               where f.ProjectId == projectId && f.MemberId != memberId
                                   && !db.OwnerInvitations.Any(i => i.ProjectId == projectId && i.MemberId == f.MemberId)
                               join u in db.Users on f.MemberId equals u.Id
                               where u.DeletedAt == null && u.EmailConfirmed && u.Email != null
                               orderby f.FollowedAt
                               select new { u.Id, u.Email, u.Culture }).Take(Heirs).ToListAsync(ct);
            var project = await db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Title, p.Slug }).SingleAsync(ct);
            foreach (var heir in heirs)
            {
                db.OwnerInvitations.Add(new OwnerInvitation { ProjectId = projectId, MemberId = heir.Id, InvitedById = memberId, InvitedAt = now });
                using (RecipientCulture.Use(heir.Culture))
                    outbox.Enqueue(heir.Email!, l["\"{0}\" needs a new owner", project.Title],
                        l["The person who ran \"{0}\" left Grassroots. As one of its longest-standing followers, you are invited to take it over; the first to accept owns it. Accept or decline on the project's page: {1}", project.Title, links.To($"/projects/{project.Slug}")]);
            }
            audit.Record(null, "project.owner.vacant", "project", projectId, $"{heirs.Count} followers invited to take it over");
        }

        // Each open pledge is withdrawn, as if the member had done it, so the slots they held reopen.
        var open = await db.Pledges.Where(Pledge.IsActive).Where(p => p.MemberId == memberId)
            .Select(p => new { p.Id, p.NeedId, p.ProjectId, p.Amount, p.Status, Need = p.Need!.Title }).ToListAsync(ct);
        foreach (var p in open)
        {
            await db.Pledges.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, PledgeStatus.Withdrawn).SetProperty(x => x.DecidedAt, now), ct);
            await NeedCounters.GiveBackAsync(db, p.NeedId, p.Amount, p.Status == PledgeStatus.Accepted, ct);
        }
        // The owners counted on the accepted ones: each owner is told which needs reopened, once per project.
        foreach (var project in open.Where(p => p.Status == PledgeStatus.Accepted).GroupBy(p => p.ProjectId))
        {
            var info = await db.Projects.Where(x => x.Id == project.Key).Select(x => new { x.Title, x.Slug }).SingleAsync(ct);
            var owners = await db.ProjectOwners.Where(o => o.ProjectId == project.Key && o.MemberId != memberId).Select(o => o.MemberId).ToListAsync(ct);
            var needs = string.Join("; ", project.Select(p => p.Need).Distinct().Order(StringComparer.Ordinal));
            foreach (var owner in owners)
                Notices.Notices.Tell(db, owner, Notices.NoticeKind.PledgesWithdrawn, $"/projects/{info.Slug}", now,
                    new Dictionary<string, string> { ["project"] = info.Title, ["needs"] = needs });
        }
        await db.ProjectFollowers.Where(f => f.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }
}
