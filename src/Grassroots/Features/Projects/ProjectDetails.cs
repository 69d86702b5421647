using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Microsoft.AspNetCore.Http.HttpResults;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

public sealed record NeedView(Guid Id, NeedKind Kind, string Title, string? Skill, long Quantity, long Reserved, long Filled,
    int PercentFilled, bool Full, bool AllowOverfill, bool AutoAccept, bool Closed, PledgeView? MyPledge)
{
    public static NeedView Of(Need n, PledgeView? mine) => new(n.Id, n.Kind, n.Title, n.Skill, n.Quantity, n.Reserved, n.Filled,
        n.PercentFilled, n.Full, n.AllowOverfill, n.AutoAccept, n.Closed, mine);
}

/// <summary>
/// A project as a reader sees it, with its moderation state. While a community jury reviews it only its
/// owners and jurors see what it says, and once removed only its owners (<see cref="ProjectDetails.ReadAsync"/>).
/// </summary>
public sealed record ProjectView(Guid Id, string Slug, string Title, string Goal, string Description, string DescriptionHtml,
    ProjectStatus Status, ContentModeration Moderation, bool Online, string? Zip, string? City, string? State, int? RadiusMiles, Guid? GroupId, string? GroupName,
    string? GroupSlug, DateOnly? StartsOn, DateOnly? EndsOn, DateTimeOffset CreatedAt, string FounderName,
    IReadOnlyList<string> OwnerNames, bool IAmOwner, IReadOnlyList<NeedView> Needs);

/// <summary>A pledge as the project's owners see it: who (by public name), what and its state.</summary>
public sealed record OwnerPledgeView(Guid Id, Guid NeedId, string NeedTitle, Guid MemberId, string MemberName, long Amount, string? Note,
    PledgeStatus Status, DateTimeOffset CreatedAt);

/// <summary>Reads of one project: its page (and API view), and its pledges for the owners.</summary>
public sealed class ProjectDetails(AppDbContext db, Groups.GroupDetails groups, ModerationNotices notices)
{
    /// <summary>
    /// A project and what the reader may see of it: the whole view, or (<see cref="ModerationNotice.ShowContent"/>
    /// false) only the notice that replaces it, as every moderated feature does (see <see cref="ModerationNotices"/>).
    /// </summary>
    public async Task<(ProjectView? Project, ModerationNotice Notice)> ReadAsync(string idOrSlug, ClaimsPrincipal viewer, CancellationToken ct)
    {
        if (await FindAsync(idOrSlug, viewer, ct) is not { } p) return (null, ModerationNotice.None);
        return (p, await notices.ForViewerAsync("project", p.Id.ToString(), p.Moderation, p.IAmOwner, viewer.MemberId(), ct));
    }

    /// <summary>The API's answer when the reader may not see the project (410 removed, 403 under review).</summary>
    public ProblemHttpResult Refusal(ModerationNotice notice) => notices.Problem(notice);

    /// <summary>The whole project, for callers that already know the reader may see it (its owners, a use case).</summary>
    public async Task<ProjectView?> FindAsync(string idOrSlug, ClaimsPrincipal viewer, CancellationToken ct)
    {
        idOrSlug = Infrastructure.Text.ControlCharacters.Strip(idOrSlug)!; // route values of the API bypass the page binders
        var projects = db.Projects.AsNoTracking();
        projects = Guid.TryParse(idOrSlug, out var id) ? projects.Where(p => p.Id == id) : projects.Where(p => p.Slug == idOrSlug);
        var p = await projects.Include(x => x.Needs).Include(x => x.Founder).SingleOrDefaultAsync(ct);
        if (p is null) return null;
        var me = viewer.MemberId();
        var owners = await db.ProjectOwners.AsNoTracking().Where(o => o.ProjectId == p.Id).OrderBy(o => o.AddedAt)
            .Select(o => new { o.MemberId, Name = MemberNames.Public(o.Member!.DisplayName, o.Member.ShowFullName, o.Member.DeletedAt, o.Member.Moderation) }).ToListAsync(ct);
        var iOwn = me is { } m && owners.Any(o => o.MemberId == m);

        var group = p.GroupId is { } gid ? await groups.FindAsync(gid.ToString(), null, ct) : null;
        var mine = me is { } v
            ? await db.Pledges.AsNoTracking().Where(Pledge.IsActive).Where(x => x.ProjectId == p.Id && x.MemberId == v).ToListAsync(ct)
            : [];
        var needs = p.Needs.OrderBy(n => n.CreatedAt)
            .Select(n => NeedView.Of(n, mine.Where(x => x.NeedId == n.Id).Select(PledgeView.Of).FirstOrDefault())).ToList();
        return new ProjectView(p.Id, p.Slug, p.Title, p.Goal, p.Description, p.DescriptionHtml, p.Status, p.Moderation, p.Online, p.Zip, p.City, p.State,
            p.RadiusMiles, p.GroupId, group?.Name, group?.Slug, p.StartsOn, p.EndsOn, p.CreatedAt, p.Founder!.PublicName,
            owners.Select(o => o.Name).ToList(), iOwn, needs);
    }

    /// <summary>Every pledge to the project, for its owners (the caller checks the Own policy).</summary>
    public async Task<Page<OwnerPledgeView>> PledgesAsync(Guid projectId, int? page, int? pageSize, CancellationToken ct)
    {
        var (pg, size) = Paging.Clamp(page, pageSize);
        var query = db.Pledges.AsNoTracking().Where(p => p.ProjectId == projectId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Status).ThenBy(p => p.CreatedAt).Skip((pg - 1) * size).Take(size)
            .Select(p => new OwnerPledgeView(p.Id, p.NeedId, p.Need!.Title, p.MemberId, MemberNames.Public(p.Member!.DisplayName, p.Member.ShowFullName, p.Member.DeletedAt, p.Member.Moderation),
                p.Amount, p.Note, p.Status, p.CreatedAt))
            .ToListAsync(ct);
        return new Page<OwnerPledgeView>(items, pg, size, total);
    }
}
