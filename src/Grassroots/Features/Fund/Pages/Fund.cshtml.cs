using Grassroots.Features.Fund.Allocation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund.Pages;

/// <summary>
/// The fund in public: what it raised, from how many people, what each recipient holds, the rule that shares out the
/// pool and its latest runs. A treasurer can run the allocation from here.
/// </summary>
public sealed class FundModel(FundReports reports, Allocating allocating, Treasurers treasurers, Microsoft.Extensions.Options.IOptions<FundOptions> options,
    IStringLocalizer<SharedResource> l) : FormPage
{
    public FundTotals Totals { get; private set; } = null!;
    public FundOptions Fund => options.Value;
    public AllocationPolicy Policy { get; private set; } = null!;
    public Page<AllocationView> Runs { get; private set; } = null!;
    public bool IsTreasurer { get; private set; }
    [BindProperty] public string? Key { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Totals = await reports.TotalsAsync(ct);
        Policy = allocating.Policy(await allocating.LastAtAsync(ct));
        Runs = await allocating.ListAsync(1, 3, ct);
        IsTreasurer = await treasurers.IsAsync(User, ct);
        Key = Guid.NewGuid().ToString("N");
    }

    /// <summary>A treasurer opens a gift by the receipt number the donor quotes (to refund it, or to answer a question).</summary>
    public async Task<IActionResult> OnGetFindAsync(string? receipt, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        if (!await treasurers.IsAsync(User, ct)) return Forbid();
        if (Guid.TryParse(receipt?.Trim(), out var id) && await reports.GiftAsync(User, id, ct) is not null) return Redirect($"/give/gifts/{id}");
        ModelState.AddModelError("receipt", l["No gift has this receipt number: it is the long number at the bottom of the receipt."]);
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAllocateAsync(CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        var (run, _, outcome) = await allocating.RunNowAsync(User, Key, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (run is not null)
        {
            TempData["Flash"] = (run.Shares.Count == 1 ? l["Allocation {0} gave {1} to one candidate.", run.Number, Money.Format(run.AllocatedCents)]
                : l["Allocation {0} shared out {1} among {2} candidates.", run.Number, Money.Format(run.AllocatedCents), run.Shares.Count]).Value;
            return Redirect("/fund#allocations");
        }
        ModelState.AddModelError("pool", outcome.Errors?.ToDictionary().Values.SelectMany(v => v).FirstOrDefault() ?? l["Nothing was shared out."]);
        await OnGetAsync(ct);
        return Page();
    }
}
