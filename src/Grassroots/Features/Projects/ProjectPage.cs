using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>What a project's owners see on its page besides what everyone sees.</summary>
public sealed record OwnerTools(bool CanRun, Page<OwnerPledgeView> Pledges, IReadOnlyList<HelperMatch> Helpers,
    IReadOnlyList<(Guid Id, string Name)> CoOwnerCandidates, IReadOnlyList<(Guid Id, string Title)> MergeTargets, IReadOnlyList<string> InvitedToOwn,
    IReadOnlyList<(Guid Id, string OtherTitle, bool Incoming)> MergeProposals, IReadOnlyList<LookAlikeNeeds> LookAlikeNeeds);

/// <summary>Everything the project page shows one reader, read in one place for every use-case page that renders it.</summary>
public sealed record ProjectPageView(ProjectView Project, ModerationNotice Notice, bool Following, bool InvitedToOwn,
    Page<UpdateView> Updates, IReadOnlyList<SimilarProject> Similar, OwnerTools? Owner);

public sealed class ProjectPage(AppDbContext db, ProjectDetails details, Access access, Following following, Similarity similarity,
    Helpers helpers, Ownership ownership, Merging merging, CombiningNeeds combining)
{
    public async Task<ProjectPageView?> LoadAsync(string slug, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var (found, notice) = await details.ReadAsync(slug, viewer, ct);
        if (found is not { } p) return null;
        var me = viewer.MemberId();
        if (!notice.ShowContent) return new ProjectPageView(p, notice, false, false, new Page<UpdateView>([], 1, 10, 0), [], null);

        var owner = p.IAmOwner ? await OwnerToolsAsync(p, viewer, me!.Value, ct) : null;
        return new ProjectPageView(p, notice,
            Following: me is { } f && await following.IsFollowingAsync(p.Id, f, ct),
            InvitedToOwn: me is { } i && !p.IAmOwner && await ownership.IsInvitedAsync(p.Id, i, ct),
            await following.UpdatesAsync(p.Id, 1, 10, ct),
            await similarity.FindAsync(p.Title, p.Goal, p.Zip, p.Id, ct),
            owner);
    }

    private async Task<OwnerTools> OwnerToolsAsync(ProjectView p, ClaimsPrincipal viewer, Guid me, CancellationToken ct)
    {
        var canRun = await access.CanAsync(viewer, new ProjectResource(p.Id), ProjectPolicies.Run);
        var pledges = await details.PledgesAsync(p.Id, 1, Paging.MaxSize, ct);
        var helping = canRun ? (await helpers.ForProjectAsync(viewer, p.Id, 10, ct)).Helpers ?? [] : [];
        // Followers (pledgers follow too) who are neither owners nor invited yet, earliest first.
        var candidates = await (
            from f in db.ProjectFollowers
            where f.ProjectId == p.Id && !db.ProjectOwners.Any(o => o.ProjectId == p.Id && o.MemberId == f.MemberId)
                && !db.OwnerInvitations.Any(i => i.ProjectId == p.Id && i.MemberId == f.MemberId)
            join u in db.Users on f.MemberId equals u.Id
            where u.DeletedAt == null
            orderby f.FollowedAt
            select new { u.Id, Name = MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation) }).Take(Paging.MaxSize).ToListAsync(ct);
        // Invitations waiting for an answer, so the owner sees who may still join them (declined ones are final and not shown).
        var invited = await (from i in db.OwnerInvitations
                             where i.ProjectId == p.Id && i.DeclinedAt == null
                             join u in db.Users on i.MemberId equals u.Id
                             orderby i.InvitedAt
                             select MemberNames.Public(u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation)).Take(Paging.MaxSize).ToListAsync(ct);
        var targets = await db.Projects.AsNoTracking().Where(x => x.Id != p.Id).Where(Project.RunBy(me))
            .OrderBy(x => x.Title).Select(x => new { x.Id, x.Title }).Take(Paging.MaxSize).ToListAsync(ct);
        return new OwnerTools(canRun, pledges, helping, candidates.Select(c => (c.Id, c.Name)).ToList(), targets.Select(t => (t.Id, t.Title)).ToList(), invited,
            await merging.PendingForAsync(p.Id, ct), canRun ? await combining.FindAsync(p.Id, ct) : []);
    }
}
