using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class DocumentModel(Drafting drafting) : PageModel
{
    public DocumentView Doc { get; private set; } = null!;

    /// <summary>?v=N reads an earlier version.</summary>
    public async Task<IActionResult> OnGetAsync(string slug, int? v, CancellationToken ct)
    {
        if (await drafting.ReadAsync(slug, v, User, ct) is not { } doc) return NotFound();
        Doc = doc;
        return Page();
    }
}
