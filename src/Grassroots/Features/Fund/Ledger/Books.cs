using Grassroots.Accounting.Ledger;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund.Ledger;

/// <summary>
/// The fund's books: entries are checked (balanced, positive lines) before they join the caller's unit of work,
/// balances are derived from the lines, and <see cref="UnbalancedAsync"/> is the database-side check that every stored
/// entry's debits equal its credits (the treasurers' page, the health of the books and the tests run it).
/// </summary>
public sealed class Books(AppDbContext db)
{
    /// <summary>
    /// Adds the entry to <paramref name="into"/> (saved with the caller's other changes, in its transaction). Throws on
    /// an entry that does not balance: that is a bug, never input.
    /// </summary>
    public static LedgerEntry Write(AppDbContext into, DateTimeOffset at, string kind, JournalEntry entry, Guid? giftId = null, Guid? runId = null, long? reverses = null, string memo = "")
    {
        if (entry.Problem() is { } problem) throw new InvalidOperationException($"Refused a {kind} entry: {problem}");
        var stored = new LedgerEntry { Kind = kind, At = at, GiftId = giftId, RunId = runId, Reverses = reverses, Memo = memo.Length > LedgerEntry.MaxMemoLength ? memo[..LedgerEntry.MaxMemoLength] : memo };
        into.LedgerEntries.Add(stored);
        foreach (var line in entry.Lines)
            into.LedgerLines.Add(new LedgerLine { Account = line.Account, Side = line.Side, Cents = line.Cents, Entry = stored });
        return stored;
    }

    /// <summary>An account's balance, debits minus credits: one indexed sum.</summary>
    public async Task<long> BalanceAsync(string account, CancellationToken ct) =>
        await db.LedgerLines.Where(l => l.Account == account).SumAsync(l => l.Side == Side.Debit ? l.Cents : -l.Cents, ct);

    /// <summary>What the accounts hold for their recipients (credits minus debits), for the given accounts.</summary>
    public async Task<Dictionary<string, long>> HeldAsync(IReadOnlyCollection<string> accounts, CancellationToken ct) =>
        (await db.LedgerLines.Where(l => accounts.Contains(l.Account)).GroupBy(l => l.Account)
            .Select(g => new { g.Key, Held = g.Sum(l => l.Side == Side.Credit ? l.Cents : -l.Cents) }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => x.Held);

    /// <summary>Entries whose stored lines do not balance (the list should always be empty), and the totals of all lines.</summary>
    public async Task<BooksCheck> CheckAsync(CancellationToken ct)
    {
        var unbalanced = await db.LedgerLines.GroupBy(l => l.EntryId)
            .Where(g => g.Sum(l => l.Side == Side.Debit ? l.Cents : -l.Cents) != 0 || g.Count() < 2)
            .Select(g => g.Key).Take(100).ToListAsync(ct);
        var debits = await db.LedgerLines.Where(l => l.Side == Side.Debit).SumAsync(l => (long?)l.Cents, ct) ?? 0;
        var credits = await db.LedgerLines.Where(l => l.Side == Side.Credit).SumAsync(l => (long?)l.Cents, ct) ?? 0;
        var entries = await db.LedgerEntries.LongCountAsync(ct);
        return new BooksCheck(unbalanced.Count == 0 && debits == credits, entries, debits, credits, unbalanced);
    }
}

/// <summary>The books' check: every entry balances, and so do all lines together.</summary>
public sealed record BooksCheck(bool Balanced, long Entries, long Debits, long Credits, IReadOnlyList<long> UnbalancedEntries);
