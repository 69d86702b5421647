using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

public sealed record NeedView(Guid Id, NeedKind Kind, string Title, string? Skill, long Quantity, long Reserved, long Filled,
    int PercentFilled, bool AllowOverfill, bool AutoAccept, bool Closed, PledgeView? MyPledge);

public sealed record ProjectView(Guid Id, string Slug, string Title, string Goal, string Description, string DescriptionHtml,
    ProjectStatus Status, bool Hidden, bool Online, string? Zip, string? City, string? State, int? RadiusMiles, Guid? GroupId, string? GroupName,
    string? GroupSlug, DateOnly? StartsOn, DateOnly? EndsOn, DateTimeOffset CreatedAt, string FounderName,
    IReadOnlyList<string> OwnerNames, bool IAmOwner, IReadOnlyList<NeedView> Needs);

/// <summary>A pledge as the project's owners see it: who (by public name), what and its state.</summary>
public sealed record OwnerPledgeView(Guid Id, Guid NeedId, string NeedTitle, Guid MemberId, string MemberName, long Amount, string? Note,
    PledgeStatus Status, DateTimeOffset CreatedAt);

public sealed record ProjectQuery
{
    public string? Q { get; init; }
    public string? Skill { get; init; }
    public string? Near { get; init; }
    public int? Within { get; init; }
    public Guid? GroupId { get; init; }
    public ProjectStatus? Status { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record ProjectSummary(Guid Id, string Slug, string Title, string Goal, ProjectStatus Status, bool Online,
    string? City, string? State, double? DistanceMiles, int OpenNeeds, DateTimeOffset CreatedAt);

public sealed class ProjectDetails(AppDbContext db, ZipCodes zips, IStringLocalizer<SharedResource> l)
{
    public async Task<ProjectView?> FindAsync(string idOrSlug, Guid? viewer, CancellationToken ct)
    {
        idOrSlug = Infrastructure.Text.ControlCharacters.Strip(idOrSlug)!; // route values of the API bypass the page binders
        var projects = db.Projects.AsNoTracking();
        projects = Guid.TryParse(idOrSlug, out var id) ? projects.Where(p => p.Id == id) : projects.Where(p => p.Slug == idOrSlug);
        var p = await projects.Include(x => x.Needs).Include(x => x.Founder).SingleOrDefaultAsync(ct);
        if (p is null) return null;
        var owners = await db.ProjectOwners.AsNoTracking().Where(o => o.ProjectId == p.Id).OrderBy(o => o.AddedAt)
            .Select(o => o.Member!).ToListAsync(ct);
        var group = p.GroupId is { } gid ? await db.Groups.AsNoTracking().Where(g => g.Id == gid).Select(g => new { g.Name, g.Slug }).SingleOrDefaultAsync(ct) : null;
        var mine = viewer is { } v
            ? await db.Pledges.AsNoTracking().Where(x => x.ProjectId == p.Id && x.MemberId == v && (x.Status == PledgeStatus.Pending || x.Status == PledgeStatus.Accepted)).ToListAsync(ct)
            : [];
        var needs = p.Needs.OrderBy(n => n.CreatedAt).Select(n => new NeedView(n.Id, n.Kind, n.Title, n.Skill, n.Quantity, n.Reserved, n.Filled,
            n.PercentFilled, n.AllowOverfill, n.AutoAccept, n.Closed, mine.Where(x => x.NeedId == n.Id).Select(PledgeView.Of).FirstOrDefault())).ToList();
        return new ProjectView(p.Id, p.Slug, p.Title, p.Goal, p.Description, p.DescriptionHtml, p.Status, p.HiddenAt is not null, p.Online, p.Zip, p.City, p.State,
            p.RadiusMiles, p.GroupId, group?.Name, group?.Slug, p.StartsOn, p.EndsOn, p.CreatedAt, p.Founder!.PublicName,
            owners.Select(o => o.PublicName).ToList(), viewer is { } me && owners.Any(o => o.Id == me), needs);
    }

    /// <summary>Every pledge to the project, for its owners (the caller checks ownership).</summary>
    public async Task<Page<OwnerPledgeView>> PledgesAsync(Guid projectId, int? page, int? pageSize, CancellationToken ct)
    {
        var (pg, size) = Paging.Clamp(page, pageSize);
        var query = db.Pledges.AsNoTracking().Where(p => p.ProjectId == projectId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.Status).ThenBy(p => p.CreatedAt).Skip((pg - 1) * size).Take(size)
            .Select(p => new { p.Id, p.NeedId, NeedTitle = p.Need!.Title, p.MemberId, p.Member!.DisplayName, p.Member.ShowFullName, p.Member.DeletedAt, p.Amount, p.Note, p.Status, p.CreatedAt })
            .ToListAsync(ct);
        return new Page<OwnerPledgeView>(rows.Select(r => new OwnerPledgeView(r.Id, r.NeedId, r.NeedTitle, r.MemberId,
            new Member { DisplayName = r.DisplayName, ShowFullName = r.ShowFullName, DeletedAt = r.DeletedAt }.PublicName,
            r.Amount, r.Note, r.Status, r.CreatedAt)).ToList(), pg, size, total);
    }

    public async Task<(Page<ProjectSummary>? Page, FieldErrors Errors)> SearchAsync(ProjectQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (origin, within) = PlaceFilter.Read(query.Near, query.Within, zips, errors, l);
        var q = Infrastructure.Text.ControlCharacters.Strip(query.Q)?.Trim(); // query strings of the API bypass the page binders
        if (q?.Length > Groups.GroupDirectory.MaxQueryLength) errors.Add("q", l["The search text can be at most {0} characters.", Groups.GroupDirectory.MaxQueryLength]);
        if (query.Skill is { Length: > 0 } skill && !Catalog.Skills.ContainsKey(skill))
            errors.Add("skill", l["\"{0}\" is not one of the choices ({1}).", skill, string.Join(", ", Catalog.Skills.Keys)]);
        if (query.Status is { } st && !Enum.IsDefined(st)) errors.Add("status", l["The status is one of Idea, Active, Done or Archived."]);
        if (!errors.IsEmpty) return (null, errors);

        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var projects = db.Projects.AsNoTracking().Where(p => p.HiddenAt == null);
        projects = query.Status is { } status ? projects.Where(p => p.Status == status) : projects.Where(p => p.Status != ProjectStatus.Archived);
        if (query.GroupId is { } gid) projects = projects.Where(p => p.GroupId == gid);
        if (query.Skill is { Length: > 0 } s) projects = projects.Where(p => p.Needs.Any(n => !n.Closed && n.Skill == s));
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = $"%{Groups.GroupDirectory.EscapeLike(q)}%";
            projects = db.IsPostgres
                ? projects.Where(p => EF.Functions.ILike(p.Title, pattern, "\\") || EF.Functions.ILike(p.Goal, pattern, "\\") || EF.Functions.ILike(p.Description, pattern, "\\"))
                : projects.Where(p => EF.Functions.Like(p.Title, pattern, "\\") || EF.Functions.Like(p.Goal, pattern, "\\") || EF.Functions.Like(p.Description, pattern, "\\"));
        }
        IQueryable<Project> ordered;
        int total;
        if (origin is null)
        {
            total = await projects.CountAsync(ct);
            ordered = projects.OrderByDescending(p => p.CreatedAt);
        }
        else
        {
            // A distance search lists placed projects; online ones are found without "near".
            var near = projects.Within(origin, within);
            total = await near.CountAsync(ct);
            ordered = near.OrderBy(n => n.D2).Select(n => n.Item);
        }
        var rows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Goal, p.Status, p.Online, p.City, p.State, p.Latitude, p.Longitude, p.CreatedAt, Open = p.Needs.Count(n => !n.Closed) })
            .ToListAsync(ct);
        var items = rows.Select(r => new ProjectSummary(r.Id, r.Slug, r.Title, r.Goal, r.Status, r.Online, r.City, r.State,
            origin is null || r.Latitude is null ? null : origin.MilesFrom(r.Latitude, r.Longitude), r.Open, r.CreatedAt)).ToList();
        return (new Page<ProjectSummary>(items, page, size, total), errors);
    }
}
