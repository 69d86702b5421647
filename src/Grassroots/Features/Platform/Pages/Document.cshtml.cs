using Grassroots.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class DocumentModel(Drafting drafting, PlatformModeration moderation) : PageModel
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
}
