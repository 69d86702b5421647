using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>One amendment: its diff, co-signing, conflicts side by side, the author's revisions, facilitators' decision, comments.</summary>
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class AmendmentModel(Drafting drafting, Amending amending, Facilitating facilitating, PlatformModeration moderation, IStringLocalizer<SharedResource> l) : FormPage
{
    public AmendmentView A { get; private set; } = null!;
    /// <summary>A community jury's notice: the placeholder instead of the amendment, or a banner above it for its author and jurors.</summary>
    public Moderation.ModerationNotice Notice { get; private set; } = Moderation.ModerationNotice.None;
    public string Heading { get; private set; } = "";
    public string DocumentSlug { get; private set; } = "";
    public Page<CommentView> Comments { get; private set; } = null!;
    public Guid? Me => User.MemberId();
    [BindProperty] public RevisionForm Revision { get; set; } = new();
    public bool Revising { get; private set; }

    public sealed class RevisionForm
    {
        public string? Title { get; set; }
        public string? Text { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, int number, int? revision, int? page, CancellationToken ct) =>
        await LoadAsync(slug, number, revision, page, ct) ?? Page();

    public async Task<IActionResult> OnPostCosignAsync(string slug, int number, bool sign, CancellationToken ct) =>
        await ActAsync(slug, number, id => amending.CosignAsync(User, id, sign, ct), sign ? l["Co-signed. Thank you."] : l["Your signature is withdrawn."], ct);

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, int number, CancellationToken ct) =>
        await ActAsync(slug, number, id => amending.WithdrawAsync(User, id, ct), l["The amendment is withdrawn."], ct);

    public async Task<IActionResult> OnPostDecideAsync(string slug, int number, bool accept, string? note, CancellationToken ct) =>
        await ActAsync(slug, number, id => facilitating.DecideAsync(User, id, new DecisionInput(accept, note), ct), accept ? l["Accepted. Merge it from the facilitators' page."] : l["Rejected. The author is told why."], ct);

    public async Task<IActionResult> OnPostCommentAsync(string slug, int number, string? body, Guid? parentId, CancellationToken ct) =>
        await ActAsync(slug, number, async id => (await amending.CommentAsync(User, id, new CommentInput(body, parentId), ct)).Outcome, l["Your comment is posted."], ct);

    public async Task<IActionResult> OnPostDeleteCommentAsync(string slug, int number, Guid commentId, CancellationToken ct) =>
        await ActAsync(slug, number, _ => amending.DeleteCommentAsync(User, commentId, ct), l["Your comment is deleted."], ct);

    public async Task<IActionResult> OnPostReviseAsync(string slug, int number, CancellationToken ct)
    {
        Revising = true;
        return await ActAsync(slug, number, id => amending.ReviseAsync(User, id, new RevisionInput(Revision.Title, Revision.Text, Revision.Reason), ct),
            l["Revised. Your co-signers are told."], ct, prefix: "Revision");
    }

    private async Task<IActionResult> ActAsync(string slug, int number, Func<Guid, Task<Outcome>> act, string done, CancellationToken ct, string prefix = "")
    {
        if (User.MemberId() is null) return Challenge();
        if (await LoadAsync(slug, number, null, null, ct) is { } missing) return missing;
        if (!Notice.ShowContent) return Page();
        var outcome = await act(A.Id);
        if (outcome.Kind != OutcomeKind.Ok) return Refused(outcome, l, prefix);
        TempData["Flash"] = done;
        return Redirect($"/platform/{A.DocumentSlug}/amendments/{A.Number}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int number, int? revision, int? page, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } doc || await amending.FindAsync(doc.Id, number, ct) is not { } found) return NotFound();
        if (!(await moderation.ForDocumentAsync(doc.Id, doc.Moderation, User, ct)).ShowContent) return Redirect($"/platform/{doc.Slug}");
        Heading = $"#{found.Number} {found.Title}";
        DocumentSlug = doc.Slug;
        Notice = await moderation.ForAmendmentAsync(found, User, ct);
        if (!Notice.ShowContent)
        {
            if (Notice.State == Moderation.ContentModeration.Removed) Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (await amending.ReadAsync(found.Id, revision, User, ct) is not { } view) return NotFound();
        A = view;
        Comments = await amending.CommentsAsync(found.Id, User, page, 20, ct);
        return null;
    }
}
