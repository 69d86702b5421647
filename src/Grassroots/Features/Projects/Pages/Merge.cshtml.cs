using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>An owner of two overlapping projects makes them one.</summary>
public sealed class MergeModel(ProjectPage page, Merging merging, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, Guid? intoId, CancellationToken ct) =>
        ActAsync(slug, "merge", ct, async p => intoId is { } into ? await merging.MergeAsync(User, p.Id, into, ct)
            : Outcome.Invalid("intoId", l["Choose the project to merge into."]), l["The projects are merged; this address now leads here."]);
}
