using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Following a project's news, or stopping.</summary>
public sealed class FollowModel(ProjectPage page, Following following, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, bool follow, CancellationToken ct) =>
        ActAsync(slug, "follow", ct, p => following.FollowAsync(User, p.Id, follow, ct),
            follow ? l["You follow this project: its updates come in your digest."] : l["You no longer follow this project."]);
}
