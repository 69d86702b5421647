using System.Security.Claims;
using Grassroots.Accounting.Ledger;
using Grassroots.Accounting.Splits;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund;

public sealed record RefundInput(long? Cents);

/// <summary>
/// A treasurer refunds a gift, in full or in part. The books move first, in one transaction: the gift's refunded
/// amount rises only if it stays within the gift (a conditional UPDATE, so two refunds at once can't pass it), and a
/// balanced entry takes the amount back from the recipients, each in proportion to what it still holds of the gift
/// (largest remainder; a full refund mirrors the gift's entry line for line). Then the processor refunds; if it
/// refuses, a second entry reverses the first. The donor's room under the limits comes back.
/// </summary>
public sealed class Refunding(AppDbContext db, GroupCommit writes, IPaymentProcessor processor, Treasurers treasurers, TimeProvider clock, FundCounts counts,
    IStringLocalizer<SharedResource> l, ILogger<Refunding> log)
{
    public async Task<(GiftView? Gift, bool Replayed, Outcome Outcome)> RefundAsync(ClaimsPrincipal actor, Guid giftId, RefundInput input, string? idempotencyKey, CancellationToken ct)
    {
        if (await treasurers.CheckAsync(actor, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, false, refused);
        var me = actor.RequiredMemberId();
        var (sent, badKey) = IdempotencyKeys.Read(idempotencyKey, l);
        if (badKey.Kind != OutcomeKind.Ok) return (null, false, badKey);
        var key = sent ?? Guid.NewGuid().ToString("N");
        if (await db.GiftRefunds.AnyAsync(r => r.GiftId == giftId && r.IdempotencyKey == key, ct)) return (await ViewAsync(giftId, ct), true, Outcome.Ok);
        var gift = await db.Gifts.AsNoTracking().Include(g => g.Splits).SingleOrDefaultAsync(g => g.Id == giftId, ct);
        if (gift is null) return (null, false, Outcome.NotFound);
        if (gift.Status != GiftStatus.Charged || gift.ChargeId is null)
            return (null, false, Outcome.Invalid("cents", gift.Status == GiftStatus.Refunded ? l["This gift was refunded in full already."] : l["Only a charged gift can be refunded."]));
        var left = gift.Cents - gift.RefundedCents;
        var cents = input.Cents ?? left;
        if (cents <= 0) return (null, false, Outcome.Invalid("cents", l["A refund is at least one cent."]));
        if (cents > left) return (null, false, Outcome.Invalid("cents", l["The refund is larger than what is left of the gift ({0}).", Money.Format(left)]));

        GiftRefund? refund;
        try
        {
            refund = await writes.RunAsync(db, (writer, token) => BookAsync(writer, gift.Id, cents, key, me, token), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.GiftRefunds.AnyAsync(r => r.GiftId == giftId && r.IdempotencyKey == key, ct)) return (await ViewAsync(giftId, ct), true, Outcome.Ok);
            throw;
        }
        if (refund is null)
            return (null, false, Outcome.Invalid("cents", l["The refund is larger than what is left of the gift ({0}).", Money.Format(await LeftAsync(giftId, ct))]));

        counts.Changed();
        var answer = await processor.RefundAsync(gift.ChargeId, cents, $"refund:{refund.Id}", CancellationToken.None);
        if (answer.Succeeded)
        {
            await db.GiftRefunds.Where(r => r.Id == refund.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcessorRefundId, answer.RefundId), CancellationToken.None);
            return (await ViewAsync(giftId, ct), false, Outcome.Ok);
        }
        log.LogWarning("The processor refused refund {Refund} of gift {Gift}: {Reason}", refund.Id, giftId, answer.Reason);
        await writes.RunAsync(db, (writer, token) => UndoAsync(writer, refund, me, token), CancellationToken.None);
        return (null, false, Outcome.Invalid("cents", l["The payment processor refused the refund ({0}); the books are as they were.", answer.Reason ?? "?"]));
    }

    private async Task<GiftRefund?> BookAsync(AppDbContext writer, Guid giftId, long cents, string key, Guid actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await writer.Gifts.Where(g => g.Id == giftId && g.Status == GiftStatus.Charged && g.RefundedCents + cents <= g.Cents)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.RefundedCents, g => g.RefundedCents + cents)
                    .SetProperty(g => g.Status, g => g.RefundedCents + cents == g.Cents ? GiftStatus.Refunded : GiftStatus.Charged), ct) == 0)
            return null;
        var gift = await writer.Gifts.AsNoTracking().Include(g => g.Splits).SingleAsync(g => g.Id == giftId, ct);
        var shares = gift.Splits.OrderBy(s => s.Id).ToList();
        var parts = CentSplit.ByWeights(cents, shares.Select(s => s.Cents - s.RefundedCents).ToList());
        var lines = new List<JournalLine> { new(FundAccounts.Cash, Side.Credit, cents) };
        for (var i = 0; i < shares.Count; i++)
        {
            if (parts[i] == 0) continue;
            var part = parts[i];
            lines.Add(new JournalLine(shares[i].Account, Side.Debit, part));
            await writer.GiftSplits.Where(s => s.Id == shares[i].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RefundedCents, x => x.RefundedCents + part), ct);
            await DonorTotals.GiveBackAsync(writer, gift.DonorId, shares[i].Account, FundAccounts.PeriodOf(shares[i].Account, gift), part, ct);
        }
        // A full refund's lines are the gift entry's, mirrored. (Only an undone refund is marked as reversing: the
        // reversal index is unique, and a gift may be refunded again after a refund the processor refused.)
        var entry = Books.Write(writer, now, "refund", new JournalEntry(lines), giftId: giftId);
        var refund = new GiftRefund { GiftId = giftId, Cents = cents, IdempotencyKey = key, ActorId = actor, At = now, Entry = entry };
        writer.GiftRefunds.Add(refund);
        writer.AuditLog.Add(new AuditEntry { At = now, ActorId = actor, Action = "fund.refund", SubjectType = "gift", SubjectId = giftId.ToString(), Detail = cents.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await writer.SaveChangesAsync(ct);
        return refund;
    }

    /// <summary>The processor said no: an entry reversing the refund's, and the gift, its shares and the donor's totals as they were.</summary>
    private async Task<bool> UndoAsync(AppDbContext writer, GiftRefund refund, Guid actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The gift's row first, as the booking locks it first: two refunds of one gift, one booking and one undoing,
        // take their locks in the same order and can't deadlock.
        await writer.Gifts.Where(g => g.Id == refund.GiftId).ExecuteUpdateAsync(s => s.SetProperty(g => g.RefundedCents, g => g.RefundedCents - refund.Cents).SetProperty(g => g.Status, GiftStatus.Charged), ct);
        // This refund's own entry: another refund of the same gift may have been booked since.
        var lines = await writer.LedgerLines.Where(x => x.EntryId == refund.EntryId).Select(x => new JournalLine(x.Account, x.Side, x.Cents)).ToListAsync(ct);
        Books.Write(writer, now, "refund.undone", new JournalEntry(lines).Reversal(), giftId: refund.GiftId, reverses: refund.EntryId,
            memo: "processor refused");
        var gift = await writer.Gifts.AsNoTracking().SingleAsync(g => g.Id == refund.GiftId, ct);
        foreach (var line in lines.Where(x => x.Side == Side.Debit))
        {
            await writer.GiftSplits.Where(s => s.GiftId == refund.GiftId && s.Account == line.Account).ExecuteUpdateAsync(s => s.SetProperty(x => x.RefundedCents, x => x.RefundedCents - line.Cents), ct);
            var period = FundAccounts.PeriodOf(line.Account, gift);
            await writer.DonorTotals.Where(d => d.DonorId == gift.DonorId && d.Account == line.Account && d.Period == period)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Cents, d => d.Cents + line.Cents), ct);
        }
        await writer.GiftRefunds.Where(r => r.Id == refund.Id).ExecuteDeleteAsync(ct);
        writer.AuditLog.Add(new AuditEntry { At = now, ActorId = actor, Action = "fund.refund.undone", SubjectType = "gift", SubjectId = refund.GiftId.ToString() });
        await writer.SaveChangesAsync(ct);
        return true;
    }

    private async Task<long> LeftAsync(Guid giftId, CancellationToken ct) => await db.Gifts.Where(g => g.Id == giftId).Select(g => g.Cents - g.RefundedCents).SingleAsync(ct);

    private async Task<GiftView> ViewAsync(Guid giftId, CancellationToken ct) =>
        GiftView.Of(await db.Gifts.AsNoTracking().Include(g => g.Splits).SingleAsync(g => g.Id == giftId, ct));
}
