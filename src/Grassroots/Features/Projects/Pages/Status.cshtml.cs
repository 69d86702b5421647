using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Owners move the project along: idea, active, done, archived.</summary>
public sealed class StatusModel(ProjectPage page, Editing editing, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, ProjectStatus? status, CancellationToken ct) =>
        ActAsync(slug, "status", ct, p => editing.SetStatusAsync(User, p.Id, status, ct), l["The status is changed."]);
}
