using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund.Pages;

/// <summary>A gift's receipt, for its donor; for the treasurers, the gift with who gave it and a refund form.</summary>
[Authorize]
public sealed class GiftModel(FundReports reports, Refunding refunding, Infrastructure.Data.AppDbContext db, Microsoft.Extensions.Options.IOptions<FundOptions> options,
    IStringLocalizer<SharedResource> l) : FormPage
{
    public GiftView Gift { get; private set; } = null!;
    /// <summary>The candidates' names among the gift's recipients.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public FundOptions Fund => options.Value;
    /// <summary>Who gave, when a treasurer reads someone else's gift (null for the donor's own receipt).</summary>
    public string? Donor { get; private set; }

    /// <summary>The refund form: an amount in dollars (all that is left when empty), and the form's key so a double send refunds once.</summary>
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Key { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct)
    {
        if (User.MemberId() is null) return Challenge();
        ModelState.Clear();
        long? cents = null;
        if (Amount is { Length: > 0 } amount)
        {
            var (parsed, problem) = Accounting.Amounts.Cents.Parse(amount);
            if (problem != Accounting.Amounts.Cents.Problem.None) ModelState.AddModelError("cents", l["Write an amount in dollars, like 27 or 27.50."]);
            else cents = parsed;
        }
        if (ModelState.IsValid)
        {
            var (gift, _, outcome) = await refunding.RefundAsync(User, id, new RefundInput(cents), Key, ct);
            if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
            if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
            if (gift is not null && outcome.Kind == OutcomeKind.Ok)
            {
                TempData["Flash"] = l["Refunded: {0} of this gift is now back on the donor's card.", Money.Format(gift.RefundedCents)].Value;
                return Redirect($"/give/gifts/{id}");
            }
            outcome.Errors?.CopyTo(ModelState, "");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await reports.GiftAsync(User, id, ct) is not { } gift) return false;
        Gift = gift;
        Names = await RecipientNames.OfAsync(db, gift.Splits.Select(s => s.Account).ToList(), ct);
        var me = User.RequiredMemberId();
        Donor = await db.Gifts.AsNoTracking().Where(g => g.Id == id && g.DonorId != me).Select(g => g.DonorName + ", " + g.City + ", " + g.State).SingleOrDefaultAsync(ct);
        return true;
    }
}
