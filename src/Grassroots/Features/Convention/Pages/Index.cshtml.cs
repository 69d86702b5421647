using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Convention.Pages;

public sealed class IndexModel(Assemblies assemblies) : PageModel
{
    public Page<AssemblySummary> Assemblies { get; private set; } = null!;

    public async Task OnGetAsync(int? page, CancellationToken ct) => Assemblies = await assemblies.ListAsync(page, 20, ct);
}
