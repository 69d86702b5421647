using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Events.Pages;

public sealed class CampaignsModel(Campaigns campaigns) : PageModel
{
    public Page<CampaignSummary> Current { get; private set; } = null!;

    public async Task OnGetAsync(int? page, CancellationToken ct) => Current = await campaigns.CurrentAsync(page, 20, ct);
}
