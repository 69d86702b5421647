using System.Security.Claims;
using Grassroots.Features.Fund.Monthly;
using Grassroots.Features.Fund.Payments;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>
/// A member gives: once, to the central fund or split among endorsed candidates. In three steps, so that nothing
/// acknowledged is lost and nothing is charged twice:
/// 1. hold: the gift is stored as "charging" together with its shares' room under the limits (one transaction; a
///    donor's parallel gifts queue on their totals' rows);
/// 2. charge: the processor charges the gift's own key, which it charges once however often it is sent;
/// 3. settle (<see cref="Settling"/>): the books and the receipt, or the room given back.
/// A crash between 2 and 3 leaves a "charging" gift that <see cref="GiftRecovery"/> settles from what the processor
/// says. A retried request (same Idempotency-Key) answers the gift it made; one that failed is tried again.
/// </summary>
public sealed class Giving(AppDbContext db, GroupCommit writes, IPaymentProcessor processor, Settling settling, TimeProvider clock, IOptions<FundOptions> options,
    IStringLocalizer<SharedResource> l, ILogger<Giving> log)
{
    public const long MinimumCents = 100;
    public const int MaxShares = 20;

    public async Task<(GiftView? Gift, GiftAnswer Answer, Outcome Outcome)> GiveAsync(ClaimsPrincipal donor, GiftInput input, string? idempotencyKey, CancellationToken ct)
    {
        var me = donor.RequiredMemberId();
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, GiftAnswer.Invalid, badKey);
        if (sent is not null && sent.StartsWith(MonthlyGift.KeyPrefix, StringComparison.OrdinalIgnoreCase))
            return (null, GiftAnswer.Invalid, Outcome.Invalid(IdempotencyKeys.Field, l["Keys that start with \"{0}\" are the fund's own: send another key, such as a UUID.", MonthlyGift.KeyPrefix]));
        var key = sent ?? Guid.NewGuid().ToString("N");
        if (await FindAsync(me, key, ct) is { } earlier) return await AgainAsync(earlier, input, ct);

        var (gift, errors) = await ReadAsync(me, input, key, ct);
        if (gift is null) return (null, GiftAnswer.Invalid, Outcome.Invalid(errors));
        var monthly = input.Monthly == true ? await StartMonthlyAsync(gift, input, ct) : null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var refused = await HoldAsync(gift, isNew: true, ct, monthly);
                if (refused is not null) return (null, GiftAnswer.Invalid, Outcome.Invalid(refused));
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                // The same request twice at once: the key's unique index kept the first. Or two first gifts of a
                // period collided on the donor's totals row: hold again.
                if (await FindAsync(me, key, ct) is { } same) return await AgainAsync(same, input, ct);
                gift.Splits.ForEach(s => s.Id = 0);
                monthly?.Splits.ForEach(s => s.Id = 0);
            }
        }
        return await ChargeAsync(gift, input.Card!, ct);
    }

    /// <summary>The same key again: the gift it made, or (if that failed) another try at charging it.</summary>
    private async Task<(GiftView?, GiftAnswer, Outcome)> AgainAsync(Gift earlier, GiftInput input, CancellationToken ct)
    {
        if (!Same(earlier, input))
            return (null, GiftAnswer.Invalid, Outcome.Invalid(IdempotencyKeys.Field, l["This idempotency key was already used for another gift."]));
        switch (earlier.Status)
        {
            case GiftStatus.Charged or GiftStatus.Refunded: return (GiftView.Of(earlier), GiftAnswer.Replayed, Outcome.Ok);
            case GiftStatus.Declined: return (GiftView.Of(earlier), GiftAnswer.Declined, Declined(earlier));
            case GiftStatus.Charging: return (GiftView.Of(earlier), GiftAnswer.InFlight, Outcome.Ok);
        }
        // Failed: nothing was charged, so try again under the same processor key (it charges a key once).
        if (input.Card is not { Length: > 0 } card || !processor.LooksValid(card))
            return (null, GiftAnswer.Invalid, Outcome.Invalid("card", l["Enter the card number again to try this gift once more."]));
        // Perhaps another card this time: the receipt names the card charged, and a monthly gift goes on with it.
        var digits = TestCards.Digits(card);
        if (digits.Length >= 4) earlier.CardLast4 = digits[^4..];
        var monthlyToken = earlier.MonthlyGiftId is null ? null : await processor.SaveCardAsync(card, ct);
        var refused = await HoldAsync(earlier, isNew: false, ct, monthlyToken: monthlyToken);
        if (refused is not null) return (null, GiftAnswer.Invalid, Outcome.Invalid(refused));
        return await ChargeAsync(earlier, card, ct);
    }

    /// <summary>
    /// Charges and settles. Not cancelled with the request: once the charge has begun, the gift is settled even if the
    /// donor closed the page (and if this process dies, recovery settles it).
    /// </summary>
    private async Task<(GiftView?, GiftAnswer, Outcome)> ChargeAsync(Gift gift, string card, CancellationToken _)
    {
        ChargeResult result;
        try
        {
            result = await processor.ChargeAsync(new ChargeRequest(gift.ProcessorKey, gift.Cents, card, options.Value.Name), CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or DbUpdateException or InvalidOperationException)
        {
            // We don't know whether it charged: the gift stays "charging" and recovery asks the processor later.
            log.LogWarning(e, "The processor did not answer for gift {Gift}; recovery will settle it", gift.Id);
            return (GiftView.Of(gift), GiftAnswer.Pending, Outcome.Ok);
        }
        // A donor who deleted their account meanwhile gets no receipt (the address is gone); the gift stays on the books.
        var email = await db.Users.Where(u => u.Id == gift.DonorId && u.DeletedAt == null).Select(u => u.Email).SingleOrDefaultAsync(CancellationToken.None);
        var settled = await settling.SettleAsync(gift.Id, result, CancellationToken.None, (gift, email));
        return settled.Status switch
        {
            GiftStatus.Charged or GiftStatus.Refunded => (GiftView.Of(settled), GiftAnswer.Charged, Outcome.Ok),
            GiftStatus.Declined => (GiftView.Of(settled), GiftAnswer.Declined, Declined(settled)),
            GiftStatus.Failed => (GiftView.Of(settled), GiftAnswer.Pending, Outcome.Invalid("card",
                l["The payment processor had a problem and nothing was charged. Enter the card again and send the same gift to try once more: it is never charged twice."])),
            _ => (GiftView.Of(settled), GiftAnswer.Pending, Outcome.Ok),
        };
    }

    /// <summary>
    /// Whether a request sent again under a key asks for the gift the key made: the same amount, recipients (and their
    /// shares, when given) and the same monthly choice. Another card is allowed: a failed gift is retried with it.
    /// </summary>
    private static bool Same(Gift earlier, GiftInput input)
    {
        if (input.Cents is { } cents && cents != earlier.Cents) return false;
        if ((input.Monthly == true) != (earlier.MonthlyGiftId is not null)) return false;
        var asked = input.Splits is { Count: > 0 } given ? given : [new ShareInput(FundAccounts.Fund)];
        var made = earlier.Splits.OrderBy(x => x.Id).ToList();
        if (asked.Count != made.Count) return false;
        for (var i = 0; i < asked.Count; i++)
        {
            if (FundAccounts.Named(asked[i]?.To) != made[i].Account) return false;
            if (asked[i]?.Cents is { } share && share != made[i].Cents) return false;
        }
        return true;
    }

    private Outcome Declined(Gift g) => Outcome.Invalid("card", g.Reason switch
    {
        "insufficient_funds" => l["The card was declined: insufficient funds. Nothing was charged; try another card."],
        "incorrect_number" => l["The card number is not valid. Nothing was charged; check it and try again."],
        _ => l["The card was declined. Nothing was charged; try another card."],
    });

    /// <summary>
    /// A monthly gift starting with this one (its month 0): the same shares every month, on this day, charged to the
    /// card's saved token. It is written with the gift's hold, and a first charge that is declined stops it (settle).
    /// </summary>
    private async Task<MonthlyGift> StartMonthlyAsync(Gift gift, GiftInput input, CancellationToken ct)
    {
        var zone = Events.EventTimes.Zone(input.TimeZone ?? options.Value.TimeZone)!;
        var monthly = new MonthlyGift
        {
            DonorId = gift.DonorId, Cents = gift.Cents, Status = MonthlyStatus.Active, StartedAt = gift.CreatedAt, TimeZone = zone.Id, Months = 1,
            NextDueAt = Accounting.Recurring.Monthly.Due(gift.CreatedAt, 1, zone), PaymentToken = await processor.SaveCardAsync(input.Card!, ct), CardLast4 = gift.CardLast4,
            DonorName = gift.DonorName, Street = gift.Street, City = gift.City, State = gift.State, Zip = gift.Zip, Employer = gift.Employer, Occupation = gift.Occupation,
            Culture = gift.Culture,
        };
        monthly.Splits = gift.Splits.Select(s => new MonthlySplit { MonthlyGiftId = monthly.Id, Account = s.Account, Cents = s.Cents }).ToList();
        gift.MonthlyGiftId = monthly.Id;
        return monthly;
    }

    private async Task<FieldErrors?> HoldAsync(Gift gift, bool isNew, CancellationToken ct, MonthlyGift? starting = null, string? monthlyToken = null)
    {
        try
        {
            return await writes.RunAsync(db, (writer, token) => HoldInAsync(writer, gift, isNew, starting, token, monthlyToken), ct);
        }
        catch (HoldRefused refused) { db.ChangeTracker.Clear(); return refused.Errors; }
    }

    /// <summary>
    /// Step 1, in one transaction: each share's room under its limit, then the gift as "charging". Field errors when a
    /// limit or the itemization rule refuses a share (nothing was held then: the transaction is undone). The monthly
    /// run holds its months with it too (<see cref="MonthlyCharging"/>).
    /// </summary>
    /// <param name="batched">
    /// Part of a batch with no savepoint of its own (the monthly run's fast path): a refused gift gives back the shares it
    /// held itself, and nothing is saved (the batch saves once).
    /// </param>
    internal async Task<FieldErrors?> HoldInAsync(AppDbContext writer, Gift gift, bool isNew, MonthlyGift? starting, CancellationToken ct, string? monthlyToken = null,
        bool batched = false)
    {
        var o = options.Value;
        // A monthly gift is never started for an account deleted while its request was on its way (the deletion
        // stopped the ones it found; this one would be charged every month with nobody to stop it).
        if (starting is not null && !await writer.Users.AnyAsync(u => u.Id == gift.DonorId && u.DeletedAt == null, ct))
            throw new HoldRefused(FieldErrors.Single("monthly", l["This account was deleted."]));
        if (!isNew && await writer.Gifts.Where(g => g.Id == gift.Id && g.Status == GiftStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GiftStatus.Charging).SetProperty(g => g.Reason, (string?)null)
                    .SetProperty(g => g.CardLast4, gift.CardLast4), ct) == 0)
            return FieldErrors.Single(IdempotencyKeys.Field, l["This gift is being charged right now. Look at your gifts in a minute."]);
        if (!isNew && gift.MonthlyGiftId is { } monthlyId)
            await writer.MonthlyGifts.Where(m => m.Id == monthlyId && m.Status == MonthlyStatus.Stopped && m.Reason == Settling.FirstFailed)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MonthlyStatus.Active).SetProperty(m => m.Reason, (string?)null)
                    .SetProperty(m => m.EndedAt, (DateTimeOffset?)null).SetProperty(m => m.PaymentToken, m => monthlyToken ?? m.PaymentToken)
                    .SetProperty(m => m.CardLast4, gift.CardLast4), ct);
        var identified = gift.Employer is { Length: > 0 } && gift.Occupation is { Length: > 0 };
        var held = new List<(string Account, string Period, long Cents)>();
        foreach (var share in gift.Splits)
        {
            // Checked again inside the hold: a candidate who withdrew since the form was read takes no new gift.
            if (share.Account != FundAccounts.Fund && !await Recipients.EndorsedAsync(writer, share.Account, ct))
                throw new HoldRefused(FieldErrors.Single("splits", l["{0} is no longer a candidate the movement backs: give to someone else or to the central fund.",
                    RecipientNames.Name(await RecipientNames.OfAsync(writer, [share.Account], ct), share.Account, l)]));
            var cap = share.Account == FundAccounts.Fund ? o.FundLimitCents : o.CandidateLimitCents;
            var period = FundAccounts.PeriodOf(share.Account, gift);
            var answer = await DonorTotals.ReserveAsync(writer, gift.DonorId, share.Account, period, share.Cents, cap, o.ItemizationThresholdCents, identified, ct);
            if (answer == DonorTotals.Reserve.Done)
            {
                held.Add((share.Account, period, share.Cents));
                continue;
            }
            var names = await RecipientNames.OfAsync(writer, [share.Account], ct);
            var who = RecipientNames.Name(names, share.Account, l);
            var needsJob = share.Account == FundAccounts.Fund
                ? l["Your gifts to the central fund pass {0}: the law asks for your employer and occupation.", Money.Format(o.ItemizationThresholdCents)]
                : l["Your gifts to {0} pass {1}: the law asks for your employer and occupation.", who, Money.Format(o.ItemizationThresholdCents)];
            var errors = answer == DonorTotals.Reserve.OverLimit
                ? FieldErrors.Single("cents", l["{0} may take at most {1} from one donor ({2}); you can give {3} more.", who, Money.Format(cap), period,
                    Money.Format(Math.Max(0, cap - await GivenAsync(writer, gift.DonorId, share.Account, period, ct)))])
                : new FieldErrors().Add("employer", needsJob).Add("occupation", needsJob);
            // Undoes the shares held before this one: the transaction's (or savepoint's) rollback does, or, batched, this.
            if (batched) foreach (var (account, p, cents) in held) await DonorTotals.GiveBackAsync(writer, gift.DonorId, account, p, cents, ct);
            throw new HoldRefused(errors);
        }
        if (isNew) writer.Gifts.Add(gift);
        if (starting is not null) writer.MonthlyGifts.Add(starting);
        if (!batched) await writer.SaveChangesAsync(ct);
        return null;
    }

    private static async Task<long> GivenAsync(AppDbContext db, Guid donor, string account, string period, CancellationToken ct) =>
        await db.DonorTotals.Where(d => d.DonorId == donor && d.Account == account && d.Period == period).Select(d => d.Cents).SingleOrDefaultAsync(ct);

    private Task<Gift?> FindAsync(Guid donor, string key, CancellationToken ct) =>
        db.Gifts.AsNoTracking().Include(g => g.Splits).SingleOrDefaultAsync(g => g.DonorId == donor && g.IdempotencyKey == key, ct);

    /// <summary>The gift as asked, checked: amounts in whole cents, shares that add up, known recipients, a card, who gives.</summary>
    private async Task<(Gift? Gift, FieldErrors Errors)> ReadAsync(Guid me, GiftInput input, string key, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var cents = input.Cents ?? 0;
        if (input.Cents is null) errors.Add("cents", l["Say how much you give."]);
        else if (cents < MinimumCents) errors.Add("cents", l["A gift is at least {0}.", Money.Format(MinimumCents)]);
        else if (cents > Accounting.Amounts.Cents.Max) errors.Add("cents", l["A gift is at most {0}.", Money.Format(Accounting.Amounts.Cents.Max)]);

        var shares = (input.Splits is { Count: > 0 } given ? given : [new ShareInput(FundAccounts.Fund)]).ToList();
        var accounts = new List<string>();
        if (shares.Count > MaxShares) errors.Add("splits", l["Split a gift among at most {0} recipients.", MaxShares]);
        else if (shares.Any(s => s is null)) errors.Add("splits", l["Give to the central fund (\"fund\") or to an endorsed candidate: \"{0}\" is neither.", "null"]);
        else
            foreach (var share in shares)
            {
                var to = share.To?.Trim();
                var account = FundAccounts.Named(to);
                if (account is null || (account != FundAccounts.Fund && !await Recipients.EndorsedAsync(db, account, ct)))
                    errors.Add("splits", l["Give to the central fund (\"fund\") or to an endorsed candidate: \"{0}\" is neither.", to ?? ""]);
                else if (accounts.Contains(account)) errors.Add("splits", l["Each recipient once: \"{0}\" is named twice.", to!]);
                else accounts.Add(account);
            }
        long[] amounts = [];
        if (!errors.Has("splits") && !errors.Has("cents"))
        {
            if (shares.All(s => s.Cents is null)) amounts = Accounting.Splits.CentSplit.Equally(cents, shares.Count);
            else if (shares.Any(s => s.Cents is null)) errors.Add("splits", l["Give every share an amount, or none (then the gift is split equally)."]);
            else if (shares.Any(s => s.Cents <= 0)) errors.Add("splits", l["Every share is at least one cent."]);
            else if (shares.Sum(s => (decimal)s.Cents!.Value) != cents)
                errors.Add("splits", l["The shares add up to {0}, but the gift is {1}.", Money.Format((long)Math.Min(shares.Sum(s => (decimal)s.Cents!.Value), long.MaxValue)), Money.Format(cents)]);
            else amounts = shares.Select(s => s.Cents!.Value).ToArray();
            if (amounts.Any(a => a <= 0) && !errors.Has("splits")) errors.Add("splits", l["Every share is at least one cent."]);
        }
        var digits = TestCards.Digits(input.Card ?? "");
        if (string.IsNullOrWhiteSpace(input.Card)) errors.Add("card", l["Enter a card number."]);
        else if (!processor.LooksValid(input.Card)) errors.Add("card", l["This is not a valid card number: check the digits."]);
        var zone = input.Monthly == true ? Events.EventTimes.Zone(input.TimeZone ?? options.Value.TimeZone) : null;
        if (input.Monthly == true && zone is null) errors.Add("timeZone", l["Choose a time zone such as America/New_York."]);

        var name = Text(input.Name, Gift.MaxNameLength, "name", l["Enter your full name."], errors);
        var street = Text(input.Street, Gift.MaxStreetLength, "street", l["Enter your street address."], errors);
        var city = Text(input.City, Gift.MaxCityLength, "city", l["Enter your city."], errors);
        var state = input.State?.Trim().ToUpperInvariant();
        if (state is null || !UsStates.Codes.Contains(state)) errors.Add("state", l["Choose your state (two letters, like PA)."]);
        var zip = input.Zip?.Trim();
        if (zip is null || !System.Text.RegularExpressions.Regex.IsMatch(zip, @"^\d{5}(-\d{4})?$")) errors.Add("zip", l["Enter a 5-digit ZIP code."]);
        var employer = Optional(input.Employer, Gift.MaxJobLength, "employer", errors);
        var occupation = Optional(input.Occupation, Gift.MaxJobLength, "occupation", errors);
        if (!errors.IsEmpty) return (null, errors);

        var now = clock.GetUtcNow();
        var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es" ? "es" : "en";
        var gift = new Gift
        {
            DonorId = me, Cents = cents, Status = GiftStatus.Charging, IdempotencyKey = key, CardLast4 = digits.Length >= 4 ? digits[^4..] : null, CreatedAt = now, Year = now.UtcDateTime.Year,
            Election = options.Value.Election, DonorName = name!, Street = street!, City = city!, State = state!, Zip = zip!, Employer = employer, Occupation = occupation, Culture = culture,
        };
        gift.Splits = accounts.Select((a, i) => new GiftSplit { GiftId = gift.Id, Account = a, Cents = amounts[i] }).ToList();
        return (gift, errors);
    }

    private string? Text(string? value, int max, string field, string missing, FieldErrors errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) { errors.Add(field, missing); return null; }
        if (v.Length > max) { errors.Add(field, l["At most {0} characters.", max]); return null; }
        if (v.Any(char.IsControl)) { errors.Add(field, l["Remove the line breaks and control characters."]); return null; }
        return v;
    }

    private string? Optional(string? value, int max, string field, FieldErrors errors) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, max, field, "", errors);
}

/// <summary>A limit or the itemization rule refused a share: thrown to undo the shares held before it.</summary>
internal sealed class HoldRefused(FieldErrors errors) : Exception("A share was refused.")
{
    public FieldErrors Errors { get; } = errors;
}
