using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class CompareModel(Drafting drafting) : PageModel
{
    public PlatformDocument Doc { get; private set; } = null!;
    public VersionComparison? Comparison { get; private set; }
    public int From { get; private set; }
    public int To { get; private set; }

    /// <summary>Defaults to the last change (the previous version against the current one).</summary>
    public async Task<IActionResult> OnGetAsync(string slug, int? from, int? to, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct) is not { } doc) return NotFound();
        Doc = doc;
        To = to ?? doc.CurrentVersion;
        From = from ?? Math.Max(1, To - 1);
        Comparison = await drafting.CompareAsync(doc.Id, From, To, ct);
        if (Comparison is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
