using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

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

/// <summary>Browsing projects: by text, skill needed, distance from a ZIP, group and status; paged.</summary>
public sealed class ProjectDirectory(AppDbContext db, ZipCodes zips, IStringLocalizer<SharedResource> l)
{
    public async Task<(Page<ProjectSummary>? Page, FieldErrors Errors)> SearchAsync(ProjectQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (origin, within) = PlaceFilter.Read(query.Near, query.Within, zips, errors, l);
        var q = ControlCharacters.Strip(query.Q)?.Trim(); // query strings of the API bypass the page binders
        if (q?.Length > TextSearch.MaxQueryLength) errors.Add("q", l["The search text can be at most {0} characters.", TextSearch.MaxQueryLength]);
        if (query.Skill is { Length: > 0 } skill && !Catalog.Skills.ContainsKey(skill))
            errors.Add("skill", l["\"{0}\" is not one of the choices ({1}).", skill, string.Join(", ", Catalog.Skills.Keys)]);
        if (query.Status is { } st && !Enum.IsDefined(st)) errors.Add("status", l["The status is one of Idea, Active, Done or Archived."]);
        if (!errors.IsEmpty) return (null, errors);

        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var projects = db.Projects.AsNoTracking().Where(Project.Listed);
        projects = query.Status is { } status ? projects.Where(p => p.Status == status) : projects.Where(p => p.Status != ProjectStatus.Archived);
        // Shown for a group only while one of its owners belongs to it: joining to attach and then
        // leaving does not leave a project speaking for the group.
        if (query.GroupId is { } gid)
            projects = projects.Where(p => p.GroupId == gid && p.Owners.Any(o => db.Memberships.Any(m => m.GroupId == gid && m.MemberId == o.MemberId)));
        if (query.Skill is { Length: > 0 } s) projects = projects.Where(p => p.Needs.Any(n => !n.Closed && n.Skill == s));
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = TextSearch.ContainsPattern(q);
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
