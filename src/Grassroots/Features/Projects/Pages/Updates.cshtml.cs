using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Owners post news for the followers.</summary>
public sealed class UpdatesModel(ProjectPage page, Following following, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, string? body, CancellationToken ct) =>
        ActAsync(slug, "update", ct, async p => (await following.PostAsync(User, p.Id, new UpdateInput(body), ct)).Outcome,
            l["The update is posted; followers get it in their digest."]);
}
