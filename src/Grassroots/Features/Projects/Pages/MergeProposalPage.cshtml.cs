using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>A merge proposal, for the owners of both projects: the asked side accepts or declines, the proposers may withdraw.</summary>
public sealed class MergeProposalPageModel(Merging merging, IStringLocalizer<SharedResource> l) : FormPage
{
    public MergeProposalView Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await merging.ReadAsync(User, id, ct) is not { } proposal) return NotFound();
        Proposal = proposal;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ct, () => merging.AnswerAsync(User, id, true, ct), l["The projects are merged; this address now leads here."], toKept: true);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ct, () => merging.AnswerAsync(User, id, false, ct), l["You declined the merge; both projects go on as they are."]);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ct, () => merging.WithdrawAsync(User, id, ct), l["Your proposal is withdrawn."]);

    private async Task<IActionResult> ActAsync(Guid id, CancellationToken ct, Func<Task<Outcome>> act, LocalizedString done, bool toKept = false)
    {
        if (User.MemberId() is null) return Challenge();
        if (await merging.ReadAsync(User, id, ct) is null) return NotFound();
        var outcome = await act();
        Proposal = (await merging.ReadAsync(User, id, ct))!;
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Forbidden:
                ModelState.AddModelError("proposal", outcome.Detail ?? l["You can't do that."]);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState, "");
                return Page();
        }
        TempData["Flash"] = done.Value;
        return toKept ? Redirect($"/projects/{Proposal.Preview.IntoSlug}") : Redirect($"/projects/merges/{id}");
    }
}
