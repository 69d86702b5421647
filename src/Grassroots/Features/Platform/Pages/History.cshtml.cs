using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class HistoryModel(Drafting drafting, PlatformModeration moderation) : PageModel
{
    public PlatformDocument Doc { get; private set; } = null!;
    public Page<VersionSummary> Versions { get; private set; } = null!;
    public Page<LogEntry> Log { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int? page, int? log, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } doc) return NotFound();
        // A document a community jury hides: its notice is on the document's page; its facilitators and jurors read on.
        if (!(await moderation.ForDocumentAsync(doc.Id, doc.Moderation, User, ct)).ShowContent) return Redirect($"/platform/{doc.Slug}");
        Doc = doc;
        Versions = await drafting.VersionsAsync(doc.Id, page, 20, ct);
        Log = await drafting.LogAsync(doc.Id, log, 50, ct);
        return Page();
    }
}
