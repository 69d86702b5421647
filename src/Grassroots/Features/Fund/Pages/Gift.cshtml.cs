using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Fund.Pages;

/// <summary>A gift's receipt, for its donor (and the treasurers).</summary>
[Authorize]
public sealed class GiftModel(FundReports reports, Infrastructure.Data.AppDbContext db, Microsoft.Extensions.Options.IOptions<FundOptions> options) : PageModel
{
    public GiftView Gift { get; private set; } = null!;
    /// <summary>The candidates' names among the gift's recipients.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public FundOptions Fund => options.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await reports.GiftAsync(User, id, ct) is not { } gift) return NotFound();
        Gift = gift;
        Names = await RecipientNames.OfAsync(db, gift.Splits.Select(s => s.Account).ToList(), ct);
        return Page();
    }
}
