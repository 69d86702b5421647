using Grassroots.Features.Groups;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Home;

public sealed class IndexModel(GroupDirectory directory) : PageModel
{
    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, _) = await directory.SearchAsync(new GroupQuery { Sort = "size", PageSize = 6 }, ct);
        Groups = page?.Items ?? [];
    }
}
