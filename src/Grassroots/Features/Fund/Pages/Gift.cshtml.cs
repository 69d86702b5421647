using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Fund.Pages;

/// <summary>A gift's receipt, for its donor (and the treasurers).</summary>
[Authorize]
public sealed class GiftModel(FundReports reports, Microsoft.Extensions.Options.IOptions<FundOptions> options) : PageModel
{
    public GiftView Gift { get; private set; } = null!;
    public FundOptions Fund => options.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await reports.GiftAsync(User, id, ct) is not { } gift) return NotFound();
        Gift = gift;
        return Page();
    }
}
