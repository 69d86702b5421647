using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>Who runs the project: owners invite co-owners, the invited accept or decline, an owner steps down.</summary>
public sealed class TeamModel(ProjectPage page, Ownership ownership, IStringLocalizer<SharedResource> l) : ProjectActionModel(page)
{
    public Task<IActionResult> OnPostInviteAsync(string slug, Guid? memberId, CancellationToken ct) =>
        ActAsync(slug, "team", ct, async p => memberId is { } id ? await ownership.InviteAsync(User, p.Id, id, ct)
            : Infrastructure.Web.Outcome.Invalid("memberId", l["Choose who to invite as a co-owner."]), l["Your invitation is on its way: they become a co-owner when they accept."]);

    public Task<IActionResult> OnPostAcceptAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, "team", ct, p => ownership.AcceptAsync(User, p.Id, ct), l["You are a co-owner of this project now."]);

    public Task<IActionResult> OnPostDeclineAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, "team", ct, p => ownership.DeclineAsync(User, p.Id, ct), l["You declined the invitation."]);

    public Task<IActionResult> OnPostStepDownAsync(string slug, bool archive, string? confirm, CancellationToken ct) =>
        ActAsync(slug, "team", ct, p => archive && confirm != "archive"
            ? Task.FromResult(Infrastructure.Web.Outcome.Invalid("confirm", l["Tick the box to confirm that the project is archived."]))
            : ownership.StepDownAsync(User, p.Id, ct, archive), l["You are no longer an owner of this project."]);
}
