using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class HistoryModel(Drafting drafting) : PageModel
{
    public PlatformDocument Doc { get; private set; } = null!;
    public Page<VersionSummary> Versions { get; private set; } = null!;
    public Page<LogEntry> Log { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int? page, int? log, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct) is not { } doc) return NotFound();
        Doc = doc;
        Versions = await drafting.VersionsAsync(doc.Id, page, 20, ct);
        Log = await drafting.LogAsync(doc.Id, log, 50, ct);
        return Page();
    }
}
