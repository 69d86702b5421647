using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class AmendmentsModel(Drafting drafting, Amending amending, PlatformModeration moderation) : PageModel
{
    public DocumentView Doc { get; private set; } = null!;
    public Page<AmendmentSummary> List { get; private set; } = null!;
    public AmendmentStatus? Status { get; private set; }
    public Guid? Plank { get; private set; }

    public string PageLink(int n) =>
        $"?page={n}" + (Status is { } s ? $"&status={s}" : "") + (Plank is { } k ? $"&plank={k}" : "");

    public async Task<IActionResult> OnGetAsync(string slug, AmendmentStatus? status, Guid? plank, int? page, CancellationToken ct)
    {
        if (await drafting.FindAsync(slug, ct, hidden: true) is not { } found) return NotFound();
        // A document a community jury hides: its notice is on the document's page; its facilitators and jurors read on.
        if (!(await moderation.ForDocumentAsync(found.Id, found.Moderation, User, ct)).ShowContent) return Redirect($"/platform/{found.Slug}");
        if (await drafting.ReadAsync(found.Id.ToString(), null, User, ct, hidden: true) is not { } doc) return NotFound();
        Doc = doc;
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Plank = plank;
        List = await amending.ListAsync(doc.Id, Status, plank, page, 20, ct);
        return Page();
    }
}
