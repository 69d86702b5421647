using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>The directory's question: which groups, by text, kind and distance from a ZIP.</summary>
public sealed record GroupQuery
{
    public string? Q { get; init; }
    public GroupKind? Kind { get; init; }
    /// <summary>A ZIP code; when given, only placed groups within <see cref="Within"/> miles are listed.</summary>
    public string? Near { get; init; }
    public int? Within { get; init; }
    /// <summary>"distance" (default with Near), "size" (default otherwise) or "newest".</summary>
    public string? Sort { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record GroupSummary(Guid Id, string Slug, string Name, GroupKind Kind, string? City, string? State,
    bool Nationwide, int MemberCount, double? DistanceMiles, DateTimeOffset CreatedAt);

public sealed class GroupDirectory(AppDbContext db, ZipCodes zips, IStringLocalizer<SharedResource> l)
{
    public const int MaxQueryLength = TextSearch.MaxQueryLength;

    public async Task<(Page<GroupSummary>? Page, FieldErrors Errors)> SearchAsync(GroupQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (origin, within) = PlaceFilter.Read(query.Near, query.Within, zips, errors, l);
        var q = Infrastructure.Text.ControlCharacters.Strip(query.Q)?.Trim(); // query strings of the API bypass the page binders
        if (q?.Length > MaxQueryLength) errors.Add("q", l["The search text can be at most {0} characters.", MaxQueryLength]);
        var sort = string.IsNullOrWhiteSpace(query.Sort) ? (origin is null ? "size" : "distance") : query.Sort.Trim().ToLowerInvariant();
        if (sort is not ("distance" or "size" or "newest")) errors.Add("sort", l["Sort by distance, size or newest."]);
        else if (sort == "distance" && origin is null && string.IsNullOrWhiteSpace(query.Near)) errors.Add("sort", l["Sorting by distance needs a ZIP code to measure from."]);
        if (query.Kind is { } k && !Enum.IsDefined(k)) errors.Add("kind", l["Choose the kind of group: Constituency, Chapter or Issue."]);
        if (!errors.IsEmpty) return (null, errors);

        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        var groups = db.Groups.AsNoTracking().Where(g => g.HiddenAt == null);
        if (query.Kind is { } kind) groups = groups.Where(g => g.Kind == kind);
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = TextSearch.ContainsPattern(q);
            groups = db.IsPostgres
                ? groups.Where(g => EF.Functions.ILike(g.Name, pattern, "\\") || EF.Functions.ILike(g.Description, pattern, "\\"))
                : groups.Where(g => EF.Functions.Like(g.Name, pattern, "\\") || EF.Functions.Like(g.Description, pattern, "\\"));
        }

        if (origin is null)
        {
            var total = await groups.CountAsync(ct);
            var ordered = sort == "newest" ? groups.OrderByDescending(g => g.CreatedAt) : groups.OrderByDescending(g => g.MemberCount).ThenBy(g => g.Name);
            var list = await ordered.Skip((page - 1) * size).Take(size)
                .Select(g => new GroupSummary(g.Id, g.Slug, g.Name, g.Kind, g.City, g.State, g.Latitude == null, g.MemberCount, null, g.CreatedAt))
                .ToListAsync(ct);
            return (new Page<GroupSummary>(list, page, size, total), errors);
        }

        var near = groups.WithinCells(origin, within); // the grid cells events use too (GridNearby)
        var count = await near.CountAsync(ct);
        var sorted = sort switch
        {
            "size" => near.OrderByDescending(x => x.Item.MemberCount).ThenBy(x => x.D2),
            "newest" => near.OrderByDescending(x => x.Item.CreatedAt),
            _ => near.OrderBy(x => x.D2).ThenByDescending(x => x.Item.MemberCount),
        };
        var rows = await sorted.Skip((page - 1) * size).Take(size).Select(x => x.Item).ToListAsync(ct);
        var items = rows.Select(g => new GroupSummary(g.Id, g.Slug, g.Name, g.Kind, g.City, g.State, false, g.MemberCount,
            origin.MilesFrom(g.Latitude, g.Longitude), g.CreatedAt)).ToList();
        return (new Page<GroupSummary>(items, page, size, count), errors);
    }

    /// <summary>
    /// Groups with no place (nationwide constituency and issue groups) that match a search's text and kind,
    /// largest first: a search near a ZIP lists them beside the chapters in range, since they are open to
    /// everyone there too.
    /// </summary>
    public async Task<IReadOnlyList<GroupSummary>> EverywhereAsync(GroupQuery query, int take, CancellationToken ct)
    {
        var q = Infrastructure.Text.ControlCharacters.Strip(query.Q)?.Trim();
        if (q?.Length > MaxQueryLength || query.Kind is { } k && !Enum.IsDefined(k)) return [];
        var groups = db.Groups.AsNoTracking().Where(g => g.HiddenAt == null && g.Latitude == null);
        if (query.Kind is { } kind) groups = groups.Where(g => g.Kind == kind);
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = TextSearch.ContainsPattern(q);
            groups = db.IsPostgres
                ? groups.Where(g => EF.Functions.ILike(g.Name, pattern, "\\") || EF.Functions.ILike(g.Description, pattern, "\\"))
                : groups.Where(g => EF.Functions.Like(g.Name, pattern, "\\") || EF.Functions.Like(g.Description, pattern, "\\"));
        }
        return await groups.OrderByDescending(g => g.MemberCount).ThenBy(g => g.Name).Take(take)
            .Select(g => new GroupSummary(g.Id, g.Slug, g.Name, g.Kind, g.City, g.State, true, g.MemberCount, null, g.CreatedAt))
            .ToListAsync(ct);
    }
}
