using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

/// <summary>
/// The confirmation before a merge: which project is kept, what moves into it, what the other side must
/// accept. An owner of both merges from here; an owner of one proposes and the other side answers.
/// </summary>
public sealed class MergeWithModel(Merging merging, ProjectDetails details, IStringLocalizer<SharedResource> l) : FormPage
{
    public MergePreview? KeepThis { get; private set; }
    public MergePreview? KeepOther { get; private set; }
    public string This { get; private set; } = "";
    [BindProperty] public string Keep { get; set; } = "this";
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] Guid? with, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        return await LoadAsync(slug, with, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, [FromQuery] Guid? with, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, with, ct) is { } failed) return failed;
        var (from, into) = Keep == "other" ? (KeepOther!.FromId, KeepOther.IntoId) : (KeepThis!.FromId, KeepThis.IntoId);
        var result = await merging.ProposeAsync(User, from, into, Note, ct);
        if (result.Outcome.Kind == OutcomeKind.Invalid)
        {
            result.Outcome.Errors!.CopyTo(ModelState, "");
            return Page();
        }
        if (result.Outcome.Kind != OutcomeKind.Ok) return result.Outcome.Kind == OutcomeKind.NotFound ? NotFound() : Forbid();
        if (result.Merged)
        {
            TempData["Flash"] = l["The projects are merged; this address now leads here."].Value;
            return Redirect($"/projects/{(Keep == "other" ? KeepOther!.IntoSlug : KeepThis!.IntoSlug)}");
        }
        TempData["Flash"] = l["Your proposal is sent: the other project's owners can accept or decline it. Nothing moves until they accept."].Value;
        return Redirect($"/projects/merges/{result.ProposalId}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, Guid? other, CancellationToken ct)
    {
        var (found, _) = await details.ReadAsync(slug, User, ct);
        if (found is null) return NotFound();
        This = found.Title;
        if (other is not { } with)
        {
            ModelState.AddModelError("with", l["Choose the project to merge with."]);
            return Page();
        }
        var (outcome, keepThis) = await merging.PreviewAsync(User, with, found.Id, ct);
        if (keepThis is null)
        {
            if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
            outcome.Errors?.CopyTo(ModelState, "");
            return Page();
        }
        KeepThis = keepThis;
        KeepOther = (await merging.PreviewAsync(User, found.Id, with, ct)).Preview;
        return null;
    }
}
