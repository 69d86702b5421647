using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Grassroots.Features.Groups.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = GroupsModule.DirectoryCache)]
public sealed class DirectoryModel(GroupDirectory directory) : FormPage
{
    public GroupQuery Query { get; private set; } = new();
    public Page<GroupSummary>? Results { get; private set; }

    public async Task OnGetAsync(string? q, GroupKind? kind, string? near, int? within, string? sort, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        // Binding errors (a word where a number goes) are the visitor's typo, not ours: ignore them and search anyway.
        ModelState.Clear();
        Query = new GroupQuery { Q = q, Kind = kind, Near = near, Within = within, Sort = string.IsNullOrEmpty(sort) ? null : sort, Page = pageNumber };
        var (results, errors) = await directory.SearchAsync(Query, ct);
        errors.CopyTo(ModelState);
        Results = results;
    }

    public string PageLink(int page)
    {
        var args = new Dictionary<string, string?> { ["q"] = Query.Q, ["kind"] = Query.Kind?.ToString(), ["near"] = Query.Near,
            ["within"] = Query.Within?.ToString(), ["sort"] = Query.Sort, ["page"] = page.ToString() };
        return QueryHelpers.AddQueryString("/groups", args.Where(a => !string.IsNullOrEmpty(a.Value)));
    }
}
