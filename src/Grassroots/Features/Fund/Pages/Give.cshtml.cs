using Grassroots.Features.Projects;
using Candidates_ = Grassroots.Features.Candidates;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Pages;

/// <summary>The gift form: an amount (a few common ones, or another), the card, who gives as the law asks it.</summary>
[Authorize]
public sealed class GiveModel(Giving giving, AppDbContext db, IOptions<FundOptions> options, IStringLocalizer<SharedResource> l) : FormPage
{
    public static readonly long[] Presets = [1000, 2700, 5000, 10000, 25000];

    [BindProperty] public GiveForm Input { get; set; } = new();
    public FundOptions Fund => options.Value;
    /// <summary>The backed candidates the donor chose (from their pages: /give?to=…), by account, with their names.</summary>
    public IReadOnlyList<(string Id, string Name)> Candidates { get; private set; } = [];

    private async Task LoadCandidatesAsync(IEnumerable<string> chosen, CancellationToken ct)
    {
        var ids = chosen.Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().Take(Giving.MaxShares).ToList();
        Candidates = (await db.Candidacies.AsNoTracking().Where(c => ids.Contains(c.Id) && Candidates_.Stages.Backed.Contains(c.Stage))
            .Select(c => new { c.Id, c.Name, Office = c.Office!.Name }).ToListAsync(ct))
            .Select(c => (c.Id.ToString(), $"{c.Name}, {c.Office}")).ToList();
    }

    public async Task OnGetAsync([FromQuery] string[]? to, CancellationToken ct)
    {
        await LoadCandidatesAsync(to ?? [], ct);
        var me = User.RequiredMemberId();
        // Filled from the profile, and from the last gift for what a profile doesn't hold (street, employer, occupation).
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.DisplayName, u.City, u.State, u.Zip }).SingleAsync(ct);
        var last = await db.Gifts.AsNoTracking().Where(g => g.DonorId == me).OrderByDescending(g => g.CreatedAt)
            .Select(g => new { g.DonorName, g.Street, g.City, g.State, g.Zip, g.Employer, g.Occupation }).FirstOrDefaultAsync(ct);
        Input = new GiveForm
        {
            Preset = 2700, Name = last?.DonorName ?? profile.DisplayName, Street = last?.Street, City = last?.City ?? profile.City, State = last?.State ?? profile.State,
            Zip = last?.Zip ?? profile.Zip, Employer = last?.Employer, Occupation = last?.Occupation, Key = Guid.NewGuid().ToString("N"),
            To = Candidates.Count > 0 ? Candidates.Select(c => c.Id).ToList() : [FundAccounts.Fund],
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadCandidatesAsync(Input.To, ct);
        var (cents, problem) = Input.Other is { Length: > 0 } other ? Accounting.Amounts.Cents.Parse(other) : (Input.Preset ?? 0, Accounting.Amounts.Cents.Problem.None);
        if (problem != Accounting.Amounts.Cents.Problem.None)
        {
            ModelState.AddModelError("Input.Other", problem switch
            {
                Accounting.Amounts.Cents.Problem.FractionalCents => l["Dollars and cents only: at most two digits after the point."],
                Accounting.Amounts.Cents.Problem.Negative or Accounting.Amounts.Cents.Problem.Zero => l["A gift is at least {0}.", Money.Format(Giving.MinimumCents)],
                Accounting.Amounts.Cents.Problem.TooLarge => l["A gift is at most {0}.", Money.Format(Accounting.Amounts.Cents.Max)],
                _ => l["Write an amount in dollars, like 27 or 27.50."],
            });
            return Page();
        }
        // The chosen recipients share the gift equally (largest remainder). Nobody ticked is a question, not the fund.
        if (Input.To.Count == 0)
        {
            ModelState.AddModelError("Input.To", l["Tick at least one recipient: the central fund or a candidate."]);
            return Page();
        }
        var splits = Input.To.Select(t => new ShareInput(t)).ToList();
        // The browser's zone counts a monthly gift's day; one the server doesn't know falls back to the fund's.
        var zone = Input.TimeZone is { Length: > 0 } z && Events.EventTimes.Zone(z) is not null ? z : null;
        var input = new GiftInput(Input.Preset is null && Input.Other is not { Length: > 0 } ? null : cents, splits, Input.Card, Input.Name, Input.Street, Input.City, Input.State, Input.Zip,
            Input.Employer, Input.Occupation, Monthly: Input.Monthly ? true : null, TimeZone: zone);
        var (gift, answer, outcome) = await giving.GiveAsync(User, input, Input.Key, ct);
        switch (answer)
        {
            case GiftAnswer.Charged or GiftAnswer.Replayed:
                TempData["Flash"] = (gift!.MonthlyGiftId is null
                    ? l["Thank you! Your gift of {0} went through; the receipt is on its way to your inbox.", Money.Format(gift.Cents)]
                    : l["Thank you! Your gift of {0} went through and will be given again every month; the receipt is on its way to your inbox.", Money.Format(gift.Cents)]).Value;
                return Redirect($"/give/gifts/{gift.Id}");
            case GiftAnswer.Pending when outcome.Errors is null:
            case GiftAnswer.InFlight:
                TempData["Flash"] = l["Your gift is being confirmed with the card's bank. You'll get the receipt by email as soon as it is."].Value;
                return Redirect($"/give/gifts/{gift!.Id}");
        }
        outcome.Errors?.CopyTo(ModelState, "Input");
        if (ModelState.TryGetValue($"Input.{IdempotencyKeys.Field}", out var keyError) && keyError.Errors.Count > 0)
            ModelState.AddModelError("", keyError.Errors[0].ErrorMessage);
        if (ModelState.TryGetValue("Input.splits", out var splitError) && splitError.Errors.Count > 0)
            ModelState.AddModelError("", splitError.Errors[0].ErrorMessage);
        // A declined card is a gift that ended: trying another card is a new gift (a new key). A processing error keeps
        // the key, so sending again retries the same gift.
        if (answer == GiftAnswer.Declined) Input.Key = Guid.NewGuid().ToString("N");
        Input.Card = null;
        return Page();
    }
}

public sealed class GiveForm
{
    public long? Preset { get; set; }
    public string? Other { get; set; }
    public string? Card { get; set; }
    public string? Name { get; set; }
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? Employer { get; set; }
    public string? Occupation { get; set; }
    /// <summary>The form's idempotency key: sending the form twice (a double click, a reload) gives once.</summary>
    public string? Key { get; set; }
    /// <summary>Give the same again every month.</summary>
    public bool Monthly { get; set; }
    /// <summary>The browser's IANA time zone (give.js fills it in), for a monthly gift's day.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Recipients: "fund" and candidates' ids, sharing the gift equally.</summary>
    public List<string> To { get; set; } = [];
}
