using Grassroots.Accounting.Ledger;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Ledger;

/// <summary>
/// Moves the balances' checkpoint forward every Fund:CheckpointEvery. It counts only up to the newest line id seen at
/// the run before (a whole interval ago), so a line whose transaction was still open then (PostgreSQL hands out ids
/// before commit) has long been committed: no line is ever left behind the checkpoint uncounted. The sums are read
/// outside any write (lines never change), and one short transaction adds them to the rows.
/// </summary>
public sealed class BalanceCheckpoints(IServiceScopeFactory scopes, IOptions<FundOptions> options, TimeProvider clock, ILogger<BalanceCheckpoints> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckpointEvery <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery, clock);
        do
        {
            try { await RunAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Moving the balances' checkpoint failed; trying again later"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One step: counts the lines up to what the last run saw, and notes what this run sees. Returns the new checkpoint.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mark = await db.BalanceCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Account == BalanceCheckpoint.Watermark, ct);
        var (from, to) = (mark?.UpTo ?? 0, mark?.Seen ?? 0);
        var sums = to > from
            ? await db.LedgerLines.AsNoTracking().Where(l => l.Id > from && l.Id <= to).GroupBy(l => l.Account)
                .Select(g => new { g.Key, Debits = g.Sum(l => l.Side == Side.Debit ? l.Cents : 0), Credits = g.Sum(l => l.Side == Side.Credit ? l.Cents : 0) }).ToListAsync(ct)
            : [];
        var seen = await db.LedgerLines.MaxAsync(l => (long?)l.Id, ct) ?? 0;
        await scope.ServiceProvider.GetRequiredService<GroupCommit>().RunAsync(db, async (writer, token) =>
        {
            // Only the run that read this watermark writes: the conditional UPDATE locks the row, so another instance's
            // run at the same moment finds it moved and writes nothing.
            var newSeen = Math.Max(seen, to);
            if (mark is null) writer.BalanceCheckpoints.Add(new BalanceCheckpoint { Account = BalanceCheckpoint.Watermark, Seen = newSeen });
            else if (await writer.BalanceCheckpoints.Where(c => c.Account == BalanceCheckpoint.Watermark && c.UpTo == from && c.Seen == to)
                         .ExecuteUpdateAsync(u => u.SetProperty(c => c.UpTo, to).SetProperty(c => c.Seen, newSeen), token) == 0)
                return 0;
            if (to > from)
            {
                var rows = await writer.BalanceCheckpoints.Where(c => c.Account != BalanceCheckpoint.Watermark).ToDictionaryAsync(c => c.Account, token);
                foreach (var s in sums)
                {
                    if (!rows.TryGetValue(s.Key, out var row)) writer.BalanceCheckpoints.Add(rows[s.Key] = row = new BalanceCheckpoint { Account = s.Key });
                    (row.Debits, row.Credits) = (row.Debits + s.Debits, row.Credits + s.Credits);
                }
                foreach (var row in rows.Values) row.UpTo = to;
            }
            await writer.SaveChangesAsync(token);
            return 0;
        }, ct);
        return to > from ? to : from;
    }
}
