using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Owners answer pledges.</summary>
public sealed class AnswerModel(ProjectPage page, Answering answering, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostAcceptAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, "answer", ct, p => answering.AcceptAsync(User, p.Id, pledgeId, ct), l["The pledge is accepted."]);

    public Task<IActionResult> OnPostDeclineAsync(string slug, Guid pledgeId, CancellationToken ct) =>
        ActAsync(slug, "answer", ct, p => answering.DeclineAsync(User, p.Id, pledgeId, ct), l["The pledge is declined."]);
}
