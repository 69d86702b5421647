using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = GroupsModule.DirectoryCache)]
public sealed class DirectoryModel(GroupDirectory directory, Infrastructure.Data.AppDbContext db) : FormPage
{
    public GroupQuery Query { get; private set; } = new();
    public Page<GroupSummary>? Results { get; private set; }
    /// <summary>With a ZIP: the nationwide and issue groups that match too (they have no place to be near).</summary>
    public IReadOnlyList<GroupSummary> Everywhere { get; private set; } = [];
    /// <summary>The ZIP came from the member's profile, not the form.</summary>
    public bool FromProfile { get; private set; }

    public async Task OnGetAsync(string? q, GroupKind? kind, string? near, int? within, string? sort, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        // Binding errors (a word where a number goes) are the visitor's typo, not ours: ignore them and search anyway.
        ModelState.Clear();
        // A member starts from their own ZIP; a sent form (even with the ZIP emptied) is taken as it is.
        if (!Request.Query.ContainsKey("near") && User.MemberId() is { } me
            && await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.Zip).SingleOrDefaultAsync(ct) is { Length: > 0 } zip)
            (near, FromProfile) = (zip, true);
        Query = new GroupQuery { Q = q, Kind = kind, Near = near, Within = within, Sort = string.IsNullOrEmpty(sort) ? null : sort, Page = pageNumber };
        var (results, errors) = await directory.SearchAsync(Query, ct);
        errors.CopyTo(ModelState);
        Results = results;
        if (results is not null && !string.IsNullOrWhiteSpace(near) && (pageNumber ?? 1) == 1)
            Everywhere = await directory.EverywhereAsync(Query, 6, ct);
    }

    public string PageLink(int page)
    {
        var args = new Dictionary<string, string?> { ["q"] = Query.Q, ["kind"] = Query.Kind?.ToString(), ["near"] = Query.Near,
            ["within"] = Query.Within?.ToString(), ["sort"] = Query.Sort, ["page"] = page.ToString() };
        return QueryHelpers.AddQueryString("/groups", args.Where(a => !string.IsNullOrEmpty(a.Value)));
    }
}
