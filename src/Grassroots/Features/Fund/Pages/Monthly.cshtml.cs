using Grassroots.Features.Fund.Monthly;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund.Pages;

/// <summary>My monthly gifts: what each gives, when it is next charged, and a button that stops it.</summary>
[Authorize]
public sealed class MonthlyModel(MonthlyGifts monthly, FundReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    public Page<MonthlyGiftView> Gifts { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public string PageLink(int page) => $"/give/monthly?page={page}";

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        Gifts = await monthly.MineAsync(User.RequiredMemberId(), page, 20, ct);
        Names = await reports.NamesAsync(Gifts.Items.SelectMany(g => g.Splits.Select(s => s.Account)).Distinct().ToList(), ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var (gift, outcome) = await monthly.CancelAsync(User.RequiredMemberId(), id, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        TempData["Flash"] = l["Your monthly gift of {0} is stopped: nothing more will be charged.", Money.Format(gift!.Cents)].Value;
        return Redirect("/give/monthly");
    }

    public string Reason(string? reason) => reason switch
    {
        "declined" => l["the card was declined"],
        "no_recipient" => l["no one it went to is a candidate we back any more"],
        "left" => l["the account was deleted"],
        Settling.FirstFailed => l["the payment processor had a problem with the first gift; send that gift again to start it"],
        "over_limit" => l["last month would have passed a contribution limit and was skipped"],
        _ => "",
    };
}
