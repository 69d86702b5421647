using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Grassroots.Features.Projects.Pages;

public sealed class BrowseModel(ProjectDirectory directory, Matching matching) : FormPage
{
    public IReadOnlyList<NeedMatch> Matches { get; private set; } = [];
    public ProjectQuery Query { get; private set; } = new();
    public Page<ProjectSummary>? Results { get; private set; }

    public async Task OnGetAsync(string? q, string? skill, string? near, int? within, ProjectStatus? status, Guid? group,
        [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        ModelState.Clear(); // a typo in a number is searched past, not reported as our error
        Query = new ProjectQuery { Q = q, Skill = string.IsNullOrEmpty(skill) ? null : skill, Near = near, Within = within, Status = status, GroupId = group, Page = pageNumber };
        var (results, errors) = await directory.SearchAsync(Query, ct);
        errors.CopyTo(ModelState);
        Results = results;
        if (User.MemberId() is { } me && pageNumber is null or 1) Matches = await matching.ForMemberAsync(me, 5, ct);
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/projects", new Dictionary<string, string?>
    {
        ["q"] = Query.Q, ["skill"] = Query.Skill, ["near"] = Query.Near, ["within"] = Query.Within?.ToString(),
        ["status"] = Query.Status?.ToString(), ["group"] = Query.GroupId?.ToString(), ["page"] = page.ToString(),
    }.Where(a => !string.IsNullOrEmpty(a.Value)));
}
