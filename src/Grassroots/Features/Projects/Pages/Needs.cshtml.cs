using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Owners add a need, close one the project no longer has, reopen it, or combine two that ask for the same thing.</summary>
public sealed class NeedsModel(ProjectPage page, NeedChanges needs, CombiningNeeds combining, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAsync(string slug, [FromForm(Name = "need")] NeedForm need, CancellationToken ct) =>
        ActAsync(slug, "need", ct, async p =>
        {
            NewNeed = need;
            return (await needs.AddAsync(User, p.Id, need.ToInput(), ct)).Outcome;
        }, l["The need is added."]);

    public Task<IActionResult> OnPostOpenAsync(string slug, Guid needId, bool open, CancellationToken ct) =>
        ActAsync(slug, $"need.{needId}", ct, p => needs.SetClosedAsync(User, p.Id, needId, !open, ct), open ? l["The need is open again."] : l["The need is closed."]);

    public Task<IActionResult> OnPostCombineAsync(string slug, Guid keepId, Guid otherId, CancellationToken ct) =>
        ActAsync(slug, "combine", ct, p => combining.CombineAsync(User, p.Id, keepId, otherId, ct), l["The needs are combined into one."]);
}
