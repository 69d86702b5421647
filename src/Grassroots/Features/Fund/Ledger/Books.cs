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

    /// <summary>An account's balance, debits minus credits.</summary>
    public async Task<long> BalanceAsync(string account, CancellationToken ct) =>
        (await SumsAsync([account], ct)).TryGetValue(account, out var s) ? s.Debits - s.Credits : 0;

    /// <summary>What the accounts hold for their recipients (credits minus debits), for the given accounts that have lines.</summary>
    public async Task<Dictionary<string, long>> HeldAsync(IReadOnlyCollection<string> accounts, CancellationToken ct) =>
        (await SumsAsync(accounts, ct)).ToDictionary(x => x.Key, x => x.Value.Credits - x.Value.Debits);

    /// <summary>
    /// Each account's debits and credits: its checkpoint (<see cref="BalanceCheckpoint"/>) plus its lines after it, one
    /// indexed range each. The checkpoint rows and the watermark are read in one statement, so a run that moves them
    /// at that moment is seen whole or not at all.
    /// </summary>
    public async Task<Dictionary<string, (long Debits, long Credits)>> SumsAsync(IReadOnlyCollection<string> accounts, CancellationToken ct)
    {
        var rows = await db.BalanceCheckpoints.AsNoTracking().Where(c => accounts.Contains(c.Account) || c.Account == BalanceCheckpoint.Watermark).ToListAsync(ct);
        var upTo = rows.SingleOrDefault(r => r.Account == BalanceCheckpoint.Watermark)?.UpTo ?? 0;
        var sums = rows.Where(r => r.Account != BalanceCheckpoint.Watermark).ToDictionary(r => r.Account, r => (r.Debits, r.Credits));
        var tail = await db.LedgerLines.Where(l => accounts.Contains(l.Account) && l.Id > upTo).GroupBy(l => l.Account)
            .Select(g => new { g.Key, Debits = g.Sum(l => l.Side == Side.Debit ? l.Cents : 0), Credits = g.Sum(l => l.Side == Side.Credit ? l.Cents : 0) }).ToListAsync(ct);
        foreach (var t in tail)
            sums[t.Key] = sums.TryGetValue(t.Key, out var s) ? (s.Debits + t.Debits, s.Credits + t.Credits) : (t.Debits, t.Credits);
        return sums;
    }

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
