using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class AmendmentsModel(Drafting drafting, Amending amending) : PageModel
{
    public DocumentView Doc { get; private set; } = null!;
    public Page<AmendmentSummary> List { get; private set; } = null!;
    public AmendmentStatus? Status { get; private set; }
    public Guid? Plank { get; private set; }

    public string PageLink(int n) =>
        $"?page={n}" + (Status is { } s ? $"&status={s}" : "") + (Plank is { } k ? $"&plank={k}" : "");

    public async Task<IActionResult> OnGetAsync(string slug, AmendmentStatus? status, Guid? plank, int? page, CancellationToken ct)
    {
        if (await drafting.ReadAsync(slug, null, User, ct) is not { } doc) return NotFound();
        Doc = doc;
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Plank = plank;
        List = await amending.ListAsync(doc.Id, Status, plank, page, 20, ct);
        return Page();
    }
}
