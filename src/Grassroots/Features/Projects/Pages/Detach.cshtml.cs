using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>An organizer of the project's group detaches it from the group (from the group's page).</summary>
public sealed class DetachModel(ProjectPage page, GroupAffiliation affiliation, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, "group", ct, p => affiliation.DetachAsync(User, p.Id, ct), l["The project no longer shows on the group's page."]);
}
