using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Fund.Pages;

/// <summary>The fund in public: what it raised, from how many people, and what each recipient holds.</summary>
public sealed class FundModel(FundReports reports, Microsoft.Extensions.Options.IOptions<FundOptions> options) : PageModel
{
    public FundTotals Totals { get; private set; } = null!;
    public FundOptions Fund => options.Value;

    public async Task OnGetAsync(CancellationToken ct) => Totals = await reports.TotalsAsync(ct);
}
