using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Monthly;

/// <summary>What one pass of the monthly run did.</summary>
public sealed record MonthlyRunResult(int Due, int Charged, int Declined, int Other);

/// <summary>
/// Charges the monthly gifts that are due, every Fund:MonthlyCheckEvery: each month through
/// <see cref="Giving.ChargeMonthAsync"/> (hold, charge, settle; the month claimed in the hold), Fund:MonthlyParallelism
/// at once so the single writer batches their writes. A month that fails is logged and left for the next pass: its
/// claim was undone with it, so it is still due.
/// </summary>
public sealed class MonthlyRun(IServiceScopeFactory scopes, IOptions<FundOptions> options, TimeProvider clock, ILogger<MonthlyRun> log) : BackgroundService
{
    private const int Batch = 2_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MonthlyCheckEvery <= TimeSpan.Zero) return;     // off: an operator (or a test) runs it
        using var timer = new PeriodicTimer(options.Value.MonthlyCheckEvery, clock);
        do
        {
            try
            {
                var started = clock.GetTimestamp();
                var done = await RunDueAsync(stoppingToken);
                if (done.Due > 0)
                    log.LogWarning("Monthly gifts: {Due} due, {Charged} charged, {Declined} declined, {Other} skipped in {Seconds:F1} s",
                        done.Due, done.Charged, done.Declined, done.Other, clock.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "The monthly run failed; trying again at the next check"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<MonthlyRunResult> RunDueAsync(CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        int due = 0, charged = 0, declined = 0, other = 0;
        while (true)
        {
            List<Guid> ids;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var now = clock.GetUtcNow();
                ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().MonthlyGifts.AsNoTracking()
                    .Where(m => m.Status == MonthlyStatus.Active && m.NextDueAt <= now).OrderBy(m => m.NextDueAt).Select(m => m.Id).Take(Batch).ToListAsync(ct);
            }
            // A month that failed stays due: this pass does not try it again (the next one will).
            ids.RemoveAll(id => !seen.Add(id));
            if (ids.Count == 0) break;
            due += ids.Count;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MonthlyParallelism), CancellationToken = ct }, async (id, token) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var status = await scope.ServiceProvider.GetRequiredService<Giving>().ChargeMonthAsync(id, token);
                    if (status == GiftStatus.Charged) Interlocked.Increment(ref charged);
                    else if (status == GiftStatus.Declined) Interlocked.Increment(ref declined);
                    else Interlocked.Increment(ref other);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Monthly gift {Monthly} could not be charged this pass", id);
                    Interlocked.Increment(ref other);
                }
            });
        }
        return new MonthlyRunResult(due, charged, declined, other);
    }
}
