using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Projects.Pages;

/// <summary>The project's page: what it is, what it needs, its news; owners see their tools on it.</summary>
public sealed class DetailsModel(ProjectPage page, Merging merging) : ProjectPageModel(page)
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await merging.RedirectForAsync(slug, ct) is { } moved ? RedirectPermanent($"/projects/{moved}")
        : await LoadAsync(slug, ct) ? Page() : NotFound();
}
