using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class CompareModel(Drafting drafting, PlatformModeration moderation) : PageModel
{
    public PlatformDocument Doc { get; private set; } = null!;
    public VersionComparison? Comparison { get; private set; }
    public int From { get; private set; }
    public int To { get; private set; }

    /// <summary>Defaults to the last change (the previous version against the current one).</summary>
    public async Task<IActionResult> OnGetAsync(string slug, int? from, int? to, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } doc) return NotFound();
        // A document a community jury hides: its notice is on the document's page; its facilitators and jurors read on.
        if (!(await moderation.ForDocumentAsync(doc.Id, doc.Moderation, User, ct)).ShowContent) return Redirect($"/platform/{doc.Slug}");
        Doc = doc;
        To = to ?? doc.CurrentVersion;
        From = from ?? Math.Max(1, To - 1);
        Comparison = await drafting.CompareAsync(doc.Id, From, To, ct);
        if (Comparison is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
