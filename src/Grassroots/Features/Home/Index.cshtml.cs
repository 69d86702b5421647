using Grassroots.Features.Groups;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Home;

/// <summary>
/// The front page is the most visited page and lists the largest groups, so visitors share one
/// answer for a few seconds (the directory's cache policy: evicted when groups change).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Features.Groups.GroupsModule.DirectoryCache)]
public sealed class IndexModel(GroupDirectory directory) : PageModel
{
    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, _) = await directory.SearchAsync(new GroupQuery { Sort = "size", PageSize = 6 }, ct);
        Groups = page?.Items ?? [];
    }
}
