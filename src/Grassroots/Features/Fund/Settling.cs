using System.Text;
using Grassroots.Accounting.Ledger;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>
/// Puts what the processor answered into the books, once: the gift leaves "charging" by a conditional UPDATE, so the
/// request that charged it and the recovery that finds it later can't both settle it. A charge becomes one balanced
/// entry (cash debited, each recipient credited its share) and a receipt in the outbox, in the same transaction; a
/// decline or a failure gives the room under the limits back.
/// </summary>
public sealed class Settling(AppDbContext db, GroupCommit writes, Outbox outbox, SiteLinks links, IOptions<FundOptions> options, TimeProvider clock,
    FundCounts counts, Monthly.MonthlyNotices notices, IStringLocalizer<SharedResource> l, ILogger<Settling> log)
{
    /// <summary>
    /// Settles the gift; <paramref name="known"/> is the gift as its request holds it, with the donor's address (so
    /// the single writer reads nothing it was already told); recovery passes null.
    /// </summary>
    public async Task<Gift> SettleAsync(Guid giftId, ChargeResult result, CancellationToken ct, (Gift Gift, string? Email)? known = null)
    {
        var now = clock.GetUtcNow();
        var settled = await writes.RunAsync(db, (writer, token) => SettleInAsync(writer, giftId, result, now, known, token), ct);
        if (settled) counts.Changed();
        if (settled && known is { Gift: var g })
        {
            // This call settled it: the gift is what it held plus what the settle wrote.
            g.Status = StatusOf(result);
            (g.ChargeId, g.Reason, g.SettledAt) = (result.ChargeId, result.Reason, now);
            return g;
        }
        db.ChangeTracker.Clear();
        return await db.Gifts.AsNoTracking().Include(x => x.Splits).SingleAsync(x => x.Id == giftId, ct);
    }

    /// <summary>
    /// Settles many gifts in one write (the monthly run's batches), each as <see cref="SettleAsync"/> would, saved once.
    /// Should anything fail, the batch is undone and settled gift by gift, each in a savepoint of its own: one that fails
    /// is undone alone and stays "charging" for recovery. Answers what each became (null: not settled by this call).
    /// </summary>
    public async Task<GiftStatus?[]> SettleAllAsync(IReadOnlyList<(Gift Gift, string? Email, ChargeResult Result)> gifts, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var statuses = await writes.RunAsync(db, async (writer, token) =>
        {
            var tx = writer.Database.CurrentTransaction!;
            var done = new GiftStatus?[gifts.Count];
            await tx.CreateSavepointAsync("gifts", token);
            try
            {
                for (var i = 0; i < gifts.Count; i++)
                {
                    var (gift, email, result) = gifts[i];
                    if (await SettleInAsync(writer, gift.Id, result, now, (gift, email), token, batched: true)) done[i] = StatusOf(result);
                }
                await writer.SaveChangesAsync(token);
                // A charged month clears its monthly gift's count of declines: one statement for the batch.
                var charged = gifts.Where((g, i) => done[i] == GiftStatus.Charged && g.Gift.MonthlyGiftId is not null).Select(g => g.Gift.MonthlyGiftId!.Value).ToList();
                if (charged.Count > 0)
                    await writer.MonthlyGifts.Where(m => charged.Contains(m.Id) && m.Declines > 0).ExecuteUpdateAsync(u => u.SetProperty(m => m.Declines, 0), token);
                await tx.ReleaseSavepointAsync("gifts", token);
                return done;
            }
            catch (DbUpdateException e)
            {
                await tx.RollbackToSavepointAsync("gifts", token);
                writer.ChangeTracker.Clear();
                Array.Clear(done);
                log.LogWarning(e, "A batch of {Count} gifts was settled one by one after a write failed", gifts.Count);
            }
            for (var i = 0; i < gifts.Count; i++)
            {
                var (gift, email, result) = gifts[i];
                await tx.CreateSavepointAsync("settle", token);
                try
                {
                    if (await SettleInAsync(writer, gift.Id, result, now, (gift, email), token)) done[i] = StatusOf(result);
                    await tx.ReleaseSavepointAsync("settle", token);
                }
                catch (DbUpdateException e)
                {
                    await tx.RollbackToSavepointAsync("settle", token);
                    log.LogError(e, "Gift {Gift} could not be settled in its batch; recovery will settle it", gift.Id);
                }
                finally { writer.ChangeTracker.Clear(); }
            }
            return done;
        }, ct);
        if (statuses.Any(s => s is not null)) counts.Changed();
        return statuses;
    }

    private static GiftStatus StatusOf(ChargeResult result) =>
        result.Outcome switch { ChargeOutcome.Succeeded => GiftStatus.Charged, ChargeOutcome.Declined => GiftStatus.Declined, _ => GiftStatus.Failed };

    /// <param name="batched">Part of <see cref="SettleAllAsync"/>'s batch: nothing is saved, and a charge leaves the monthly gift's declines to the batch.</param>
    private async Task<bool> SettleInAsync(AppDbContext writer, Guid giftId, ChargeResult result, DateTimeOffset now, (Gift Gift, string? Email)? known, CancellationToken ct,
        bool batched = false)
    {
        var status = StatusOf(result);
        Task<int> Move(GiftStatus from) => writer.Gifts.Where(g => g.Id == giftId && g.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, status).SetProperty(g => g.ChargeId, result.ChargeId)
                .SetProperty(g => g.Reason, result.Reason).SetProperty(g => g.SettledAt, now), ct);
        var late = false;
        if (await Move(GiftStatus.Charging) == 0)
        {
            // Recovery marked it failed because the processor had no record yet, and then the charge went through (a
            // processor slower than Fund:RecoverAfter): the money moved, so it is booked all the same, past the limits if
            // it must be (the donor's room was given back), and the log says so.
            if (status != GiftStatus.Charged || await Move(GiftStatus.Failed) == 0) return false; // settled already
            late = true;
        }
        var gift = known?.Gift ?? await writer.Gifts.AsNoTracking().Include(g => g.Splits).SingleAsync(g => g.Id == giftId, ct);
        if (late)
        {
            log.LogWarning("Gift {Gift} was charged after recovery marked it failed; booked now", giftId);
            foreach (var share in gift.Splits)
            {
                var period = FundAccounts.PeriodOf(share.Account, gift);
                await writer.DonorTotals.Where(d => d.DonorId == gift.DonorId && d.Account == share.Account && d.Period == period)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Cents, d => d.Cents + share.Cents), ct);
            }
        }
        if (status == GiftStatus.Charged)
        {
            var lines = new List<JournalLine> { new(FundAccounts.Cash, Side.Debit, gift.Cents) };
            lines.AddRange(gift.Splits.OrderBy(s => s.Id).Select(s => new JournalLine(s.Account, Side.Credit, s.Cents)));
            Books.Write(writer, now, "gift", new JournalEntry(lines), giftId: gift.Id, memo: result.ChargeId ?? "");
            await ReceiptAsync(writer, gift, known is { } k ? k.Email : await writer.Users.Where(u => u.Id == gift.DonorId).Select(u => u.Email).SingleAsync(ct), ct);
        }
        else
            foreach (var share in gift.Splits)
                await DonorTotals.GiveBackAsync(writer, gift.DonorId, share.Account, FundAccounts.PeriodOf(share.Account, gift), share.Cents, ct);
        if (gift.MonthlyGiftId is { } monthly && !(batched && status == GiftStatus.Charged)) await MonthAsync(writer, monthly, gift, status, now, ct);
        if (!batched) await writer.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// What a month's outcome does to its monthly gift: a charge clears the count of declines; a decline of its first
    /// month stops it (the card never worked), and Fund:MonthlyMaxDeclines declined months in a row stop it too.
    /// </summary>
    private async Task MonthAsync(AppDbContext writer, Guid monthlyId, Gift gift, GiftStatus status, DateTimeOffset now, CancellationToken ct)
    {
        var months = writer.MonthlyGifts.Where(m => m.Id == monthlyId && m.Status == Monthly.MonthlyStatus.Active);
        if (status == GiftStatus.Charged)
        {
            await months.Where(m => m.Declines > 0).ExecuteUpdateAsync(u => u.SetProperty(m => m.Declines, 0), ct);
            return;
        }
        var first = !gift.IdempotencyKey.StartsWith(Monthly.MonthlyGift.KeyPrefix, StringComparison.Ordinal);
        if (first && status == GiftStatus.Failed)
        {
            // Nothing was charged and the donor was told to send it again: until they do, no month is charged either
            // (the retry's hold starts it again, see Giving.HoldInAsync).
            await months.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, Monthly.MonthlyStatus.Stopped).SetProperty(m => m.Reason, FirstFailed)
                .SetProperty(m => m.EndedAt, now), ct);
            return;
        }
        var stopAt = first ? 1 : Math.Max(1, options.Value.MonthlyMaxDeclines);
        // A later month that stops it is said to the donor by mail (a first month's decline they saw on the page).
        var stops = !first && await months.AnyAsync(m => m.Declines + 1 >= stopAt, ct);
        await months.ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Declines, m => m.Declines + 1)
            .SetProperty(m => m.Status, m => m.Declines + 1 >= stopAt ? Monthly.MonthlyStatus.Stopped : Monthly.MonthlyStatus.Active)
            .SetProperty(m => m.Reason, m => m.Declines + 1 >= stopAt ? "declined" : m.Reason)
            .SetProperty(m => m.EndedAt, m => m.Declines + 1 >= stopAt ? now : m.EndedAt), ct);
        if (stops) await notices.StoppedAsync(writer, monthlyId, "declined", ct);
    }

    /// <summary>Why a monthly gift whose first month the processor failed on waits: the donor's retry of that gift starts it again.</summary>
    internal const string FirstFailed = "first_failed";

    /// <summary>The receipt, in the donor's language, with what the law asks a receipt to say.</summary>
    private async Task ReceiptAsync(AppDbContext writer, Gift gift, string? email, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(email)) return;
        var names = await RecipientNames.OfAsync(writer, gift.Splits.Select(s => s.Account).ToList(), ct);
        using var _ = RecipientCulture.Use(gift.Culture);
        var fund = options.Value.Name;
        var text = new StringBuilder();
        text.AppendLine(l["Hello {0},", gift.DonorName]).AppendLine();
        text.AppendLine(l["Thank you for your gift of {0}.", Money.Format(gift.Cents)]).AppendLine();
        foreach (var share in gift.Splits.OrderBy(s => s.Id))
            text.AppendLine($"  {Money.Format(share.Cents)}  {RecipientNames.Name(names, share.Account, l)}");
        text.AppendLine();
        text.AppendLine($"{l["Date"]}: {gift.SettledAt ?? gift.CreatedAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"{l["Card"]}: •••• {gift.CardLast4}");
        text.AppendLine($"{l["Receipt number"]}: {gift.Id}");
        text.AppendLine().AppendLine(l["Your gifts and receipts: {0}", links.To($"/give/gifts/{gift.Id}")]);
        // A recurring charge says so on every receipt, with the way to stop it (as card networks ask).
        if (gift.MonthlyGiftId is not null) text.AppendLine(l["This gift is given again every month. Stop it any time: {0}", links.To("/give/monthly")]);
        text.AppendLine().AppendLine(l["Contributions to {0} are not tax deductible for federal income tax purposes.", fund]);
        outbox.EnqueueInto(writer, email, l["Your receipt: {0} to {1}", Money.Format(gift.Cents), fund], text.ToString(), new MailExtras());
    }
}
