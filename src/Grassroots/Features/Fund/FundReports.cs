using System.Security.Claims;
using Grassroots.Accounting.Ledger;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>The fund in public: what it raised and what each recipient holds. No donor appears here.</summary>
public sealed record FundTotals(long RaisedCents, long RefundedCents, long Gifts, long Donors, IReadOnlyList<RecipientTotal> Recipients);

public sealed record RecipientTotal(string Account, string Name, long HeldCents);

/// <summary>A gift as a treasurer sees it: with the donor's data, as Schedule A reports it.</summary>
public sealed record DonorGiftView(Guid Id, DateTimeOffset CreatedAt, long Cents, long RefundedCents, GiftStatus Status, string DonorName, string Street, string City,
    string State, string Zip, string? Employer, string? Occupation, IReadOnlyList<ShareView> Splits);

/// <summary>
/// Reading the fund: its public totals, a donor's own gifts, and (for treasurers only, each read written to the audit
/// log) the gifts with their donors.
/// </summary>
public sealed class FundReports(AppDbContext db, Books books, Treasurers treasurers, AuditLog audit, FundCounts fundCounts,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// The public totals. The money is live, read from the books' checkpoint (cash debited: raised; cash credited:
    /// refunded; what each recipient holds). The counts of gifts and donors are <see cref="FundCounts"/>' latest (a few
    /// minutes old at most): counting them scans the gifts.
    /// </summary>
    public async Task<FundTotals> TotalsAsync(CancellationToken ct)
    {
        var cash = (await books.SumsAsync([FundAccounts.Cash], ct)).GetValueOrDefault(FundAccounts.Cash);
        var counts = await fundCounts.LatestAsync(db, ct);
        // The accounts: those in the checkpoint, the fund, and the candidates backed now (an account is new only when a
        // candidate backed since the last checkpoint got their first gift). Asking the lines for their accounts would scan them.
        var backed = await db.Candidacies.Where(c => Candidates.Stages.Backed.Contains(c.Stage)).OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(ct);
        var accounts = (await db.BalanceCheckpoints.Select(c => c.Account).ToListAsync(ct))
            .Union(backed.Select(FundAccounts.Candidate)).Append(FundAccounts.Fund)
            .Where(a => a != BalanceCheckpoint.Watermark && a != FundAccounts.Cash).Distinct().Take(1000).ToList();
        var held = await books.HeldAsync(accounts, ct);
        var names = await RecipientNames.OfAsync(db, accounts, ct);
        var recipients = held.OrderByDescending(h => h.Key == FundAccounts.Fund).ThenByDescending(h => h.Value)
            .Select(h => new RecipientTotal(h.Key, RecipientNames.Name(names, h.Key, l), h.Value)).ToList();
        return new FundTotals(cash.Debits, cash.Credits, counts.Gifts, counts.Donors, recipients);
    }

    /// <summary>Recipients' names for pages that list accounts.</summary>
    public Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<string> accounts, CancellationToken ct) => RecipientNames.OfAsync(db, accounts, ct);

    public async Task<Page<GiftView>> MineAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Gifts.AsNoTracking().Where(g => g.DonorId == me);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).Skip((p - 1) * size).Take(size).Include(g => g.Splits).ToListAsync(ct);
        return new Page<GiftView>(items.Select(GiftView.Of).ToList(), p, size, total);
    }

    /// <summary>A gift for its donor, or for a treasurer (that read is audited); null for anyone else, as if it did not exist.</summary>
    public async Task<GiftView?> GiftAsync(ClaimsPrincipal viewer, Guid id, CancellationToken ct)
    {
        if (viewer.MemberId() is not { } me) return null;
        var gift = await db.Gifts.AsNoTracking().Include(g => g.Splits).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (gift is null) return null;
        if (gift.DonorId == me) return GiftView.Of(gift);
        if (!await treasurers.IsAsync(viewer, ct)) return null;
        audit.Record(me, "fund.gift.read", "gift", id);
        await db.SaveChangesAsync(ct);
        return GiftView.Of(gift);
    }

    /// <summary>The gifts with their donors, newest first, for treasurers; every page read is written to the audit log.</summary>
    public async Task<(Page<DonorGiftView>? Page, Outcome Outcome)> DonorGiftsAsync(ClaimsPrincipal viewer, int? page, int? pageSize, CancellationToken ct)
    {
        if (await treasurers.CheckAsync(viewer, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var (p, size) = Paging.Clamp(page, pageSize);
        var total = await db.Gifts.CountAsync(ct);
        var gifts = await db.Gifts.AsNoTracking().OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).Skip((p - 1) * size).Take(size).Include(g => g.Splits).ToListAsync(ct);
        audit.Record(viewer.RequiredMemberId(), "fund.donors.read", "gifts", $"page {p}", $"{gifts.Count} gifts");
        await db.SaveChangesAsync(ct);
        var items = gifts.Select(g => new DonorGiftView(g.Id, g.CreatedAt, g.Cents, g.RefundedCents, g.Status, g.DonorName, g.Street, g.City, g.State, g.Zip, g.Employer, g.Occupation,
            g.Splits.OrderBy(s => s.Id).Select(s => new ShareView(s.Account, s.Cents, s.RefundedCents)).ToList())).ToList();
        return (new Page<DonorGiftView>(items, p, size, total), Outcome.Ok);
    }

    public async Task<(BooksCheck? Check, Outcome Outcome)> CheckBooksAsync(ClaimsPrincipal viewer, CancellationToken ct) =>
        await treasurers.CheckAsync(viewer, ct) is { Kind: not OutcomeKind.Ok } refused ? (null, refused) : (await books.CheckAsync(ct), Outcome.Ok);
}
