using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Fund.Pages;

/// <summary>A recipient's itemized receipts for the treasurers (audited), with the Schedule A download.</summary>
public sealed class ReceiptsModel(ItemizedReceipts receipts) : PageModel
{
    public ReceiptsReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string recipient, Guid? before, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var (report, outcome) = await receipts.ReportAsync(User, recipient, before, 50, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (report is null) return NotFound();
        Report = report;
        return Page();
    }

    public string OlderLink => $"/fund/receipts/{Uri.EscapeDataString(Report.Recipient)}?before={Report.Older}";
}
