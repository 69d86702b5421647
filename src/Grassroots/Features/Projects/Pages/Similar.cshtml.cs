using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Projects.Pages;

/// <summary>The similar-projects list as an HTML fragment, fetched by the launch form while the volunteer types.</summary>
public sealed class SimilarModel(Similarity similarity) : PageModel
{
    public IReadOnlyList<SimilarProject> Projects { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "Input.Title")] string? title, [FromQuery(Name = "Input.Goal")] string? goal,
        [FromQuery(Name = "Input.Zip")] string? zip, CancellationToken ct) =>
        Projects = await similarity.FindAsync(ProjectsApi.Trim(title), ProjectsApi.Trim(goal), zip, null, ct);
}
