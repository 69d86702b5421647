using Grassroots.Accounting.Ledger;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund.Ledger;

/// <summary>
/// The fund's books: entries are checked (balanced, positive lines) before they are added to the caller's unit of
/// work, balances are derived from the lines, and <see cref="UnbalancedAsync"/> is the database-side check that every
/// stored entry's debits equal its credits (the health check and the tests run it).
/// </summary>
public sealed class Books(AppDbContext db, TimeProvider clock)
{
    /// <summary>Adds the entry (saved with the caller's other changes). Throws on an entry that does not balance: that is a bug, never input.</summary>
    public LedgerEntry Add(string kind, JournalEntry entry, Guid? giftId = null, Guid? runId = null, long? reverses = null, string memo = "")
    {
        if (entry.Problem() is { } problem) throw new InvalidOperationException($"Refused a {kind} entry: {problem}");
        var stored = new LedgerEntry { Kind = kind, At = clock.GetUtcNow(), GiftId = giftId, RunId = runId, Reverses = reverses, Memo = memo.Length > LedgerEntry.MaxMemoLength ? memo[..LedgerEntry.MaxMemoLength] : memo };
        db.LedgerEntries.Add(stored);
        foreach (var line in entry.Lines)
            db.LedgerLines.Add(new LedgerLine { Account = line.Account, Side = line.Side, Cents = line.Cents, Entry = stored });
        return stored;
    }

    /// <summary>An account's balance, debits minus credits: one indexed sum.</summary>
    public async Task<long> BalanceAsync(string account, CancellationToken ct) =>
        await db.LedgerLines.Where(l => l.Account == account).SumAsync(l => l.Side == Side.Debit ? l.Cents : -l.Cents, ct);

    /// <summary>Entries whose stored lines do not balance (the list should always be empty), and the totals of all lines.</summary>
    public async Task<(List<long> Unbalanced, long Debits, long Credits)> UnbalancedAsync(CancellationToken ct)
    {
        var unbalanced = await db.LedgerLines.GroupBy(l => l.EntryId)
            .Where(g => g.Sum(l => l.Side == Side.Debit ? l.Cents : -l.Cents) != 0 || g.Count() < 2)
            .Select(g => g.Key).Take(100).ToListAsync(ct);
        var debits = await db.LedgerLines.Where(l => l.Side == Side.Debit).SumAsync(l => (long?)l.Cents, ct) ?? 0;
        var credits = await db.LedgerLines.Where(l => l.Side == Side.Credit).SumAsync(l => (long?)l.Cents, ct) ?? 0;
        return (unbalanced, debits, credits);
    }
}
