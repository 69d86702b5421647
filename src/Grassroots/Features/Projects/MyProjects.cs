using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

public sealed record MyProject(Guid Id, string Slug, string Title, ProjectStatus Status, bool Owner, int OpenNeeds, int PledgesToAnswer);

public sealed record MyPledge(Guid Id, Guid ProjectId, string ProjectSlug, string ProjectTitle, Guid NeedId, string NeedTitle, NeedKind Kind,
    long Amount, PledgeStatus Status, DateTimeOffset CreatedAt);

/// <summary>A member's own side of the permission machine: the projects they run or follow, and what they promised.</summary>
public sealed class MyProjects(AppDbContext db)
{
    /// <summary>Projects the member owns (first) or follows, newest first within each.</summary>
    public async Task<Page<MyProject>> ProjectsAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (pg, size) = Paging.Clamp(page, pageSize);
        var query = db.Projects.AsNoTracking().Where(p => p.MergedIntoId == null &&
            (db.ProjectOwners.Any(o => o.ProjectId == p.Id && o.MemberId == me) || db.ProjectFollowers.Any(f => f.ProjectId == p.Id && f.MemberId == me)));
        var total = await query.CountAsync(ct);
        var items = await query
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.Status, p.CreatedAt,
                Owner = db.ProjectOwners.Any(o => o.ProjectId == p.Id && o.MemberId == me),
                OpenNeeds = db.Needs.Count(n => n.ProjectId == p.Id && !n.Closed),
                Waiting = db.Pledges.Count(x => x.ProjectId == p.Id && x.Status == PledgeStatus.Pending),
            })
            .OrderByDescending(x => x.Owner).ThenByDescending(x => x.CreatedAt).Skip((pg - 1) * size).Take(size)
            .ToListAsync(ct);
        return new Page<MyProject>(items.Select(x => new MyProject(x.Id, x.Slug, x.Title, x.Status, x.Owner, x.OpenNeeds, x.Owner ? x.Waiting : 0)).ToList(), pg, size, total);
    }

    /// <summary>Everything the member pledged, newest first, with where it stands.</summary>
    public async Task<Page<MyPledge>> PledgesAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (pg, size) = Paging.Clamp(page, pageSize);
        var query = db.Pledges.AsNoTracking().Where(p => p.MemberId == me);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.CreatedAt).Skip((pg - 1) * size).Take(size)
            .Join(db.Projects, p => p.ProjectId, x => x.Id, (p, x) => new MyPledge(p.Id, p.ProjectId, x.Slug, x.Title, p.NeedId, p.Need!.Title, p.Need.Kind, p.Amount, p.Status, p.CreatedAt))
            .ToListAsync(ct);
        return new Page<MyPledge>(items, pg, size, total);
    }

    /// <summary>The member's pledges still waiting for an owner's answer, oldest first (the longest wait on top).</summary>
    public async Task<IReadOnlyList<MyPledge>> WaitingAsync(Guid me, int take, CancellationToken ct) =>
        await db.Pledges.AsNoTracking().Where(p => p.MemberId == me && p.Status == PledgeStatus.Pending)
            .OrderBy(p => p.CreatedAt).Take(take)
            .Join(db.Projects.Where(x => x.MergedIntoId == null), p => p.ProjectId, x => x.Id, (p, x) => new MyPledge(p.Id, p.ProjectId, x.Slug, x.Title, p.NeedId, p.Need!.Title, p.Need.Kind, p.Amount, p.Status, p.CreatedAt))
            .ToListAsync(ct);
}
