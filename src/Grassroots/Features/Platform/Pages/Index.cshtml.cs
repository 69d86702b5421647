using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Platform.Pages;

public sealed class IndexModel(Drafting drafting) : PageModel
{
    public Page<DocumentSummary> Documents { get; private set; } = null!;

    public async Task OnGetAsync(int? page, CancellationToken ct) => Documents = await drafting.ListAsync(page, 20, ct);
}
