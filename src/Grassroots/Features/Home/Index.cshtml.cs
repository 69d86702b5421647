using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Home;

/// <summary>
/// The front page. A visitor sees what the movement is and both ways in (groups and projects); it is
/// the most visited page and lists the largest groups, so visitors share one answer for a few seconds
/// (the directory's cache policy: evicted when groups change; signed-in requests are never cached).
/// A signed-in member sees their own page: their groups, projects, pledges, what needs them, notices.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Features.Groups.GroupsModule.DirectoryCache)]
public sealed class IndexModel(GroupDirectory directory, IEnumerable<IHomeSection> sections) : PageModel
{
    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];
    public IReadOnlyList<HomeSection> Sections { get; private set; } = [];
    public bool Member { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.MemberId() is not null)
        {
            Member = true;
            var shown = new List<HomeSection>();
            foreach (var section in sections.OrderBy(s => s.Order))
                if (await section.LoadAsync(User, ct) is { } part) shown.Add(part);
            Sections = shown;
            return;
        }
        var (page, _) = await directory.SearchAsync(new GroupQuery { Sort = "size", PageSize = 6 }, ct);
        Groups = page?.Items ?? [];
    }
}
