using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

public sealed class DocumentModel(Drafting drafting, Facilitating facilitating, PlatformModeration moderation, IStringLocalizer<SharedResource> l) : PageModel
{
    public DocumentView Doc { get; private set; } = null!;
    /// <summary>A community jury's notice: the placeholder instead of the document, or a banner above it for its facilitators and jurors.</summary>
    public ModerationNotice Notice { get; private set; } = ModerationNotice.None;
    public string Title { get; private set; } = "";

    /// <summary>?v=N reads an earlier version.</summary>
    public async Task<IActionResult> OnGetAsync(string slug, int? v, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } found) return NotFound();
        Title = found.Title;
        Notice = await moderation.ForDocumentAsync(found.Id, found.Moderation, User, ct);
        if (!Notice.ShowContent)
        {
            // Removed is gone for good (410); under review is a notice that will change.
            if (Notice.State == ContentModeration.Removed) Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (await drafting.ReadAsync(found.Id.ToString(), v, User, ct, hidden: true) is not { } doc) return NotFound();
        Doc = doc;
        return Page();
    }

    /// <summary>The member a creator asked to facilitate answers, on the page of what they are asked to run.</summary>
    [EnableRateLimiting(ServiceDefaults.WriteLimit)]
    public async Task<IActionResult> OnPostAnswerAsync(string slug, bool accept, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } found) return NotFound();
        var outcome = await facilitating.AnswerAsync(User, found.Id, accept, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        TempData["Flash"] = outcome.Kind != OutcomeKind.Ok
            ? outcome.Detail ?? string.Join(" ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [])
            : accept ? l["You facilitate this document now."].Value : l["Declined. Nothing changes for you."].Value;
        return Redirect($"/platform/{found.Slug}");
    }
}
