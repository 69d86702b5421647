using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Monthly;

/// <summary>What one pass of the monthly run did.</summary>
public sealed record MonthlyRunResult(int Due, int Charged, int Declined, int Other);

/// <summary>
/// Charges the monthly gifts that are due, every Fund:MonthlyCheckEvery: Fund:MonthlyBatch months at a time through
/// <see cref="MonthlyCharging"/> (one write holds a batch, the processor is sent it, one write settles it),
/// Fund:MonthlyParallelism batches at once so one batch's charges overlap another's writes. A month that fails is
/// logged and left for the next pass: its claim was undone with it, so it is still due.
/// </summary>
public sealed class MonthlyRun(IServiceScopeFactory scopes, IOptions<FundOptions> options, TimeProvider clock, ILogger<MonthlyRun> log) : BackgroundService
{
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
        var o = options.Value;
        var size = Math.Clamp(o.MonthlyBatch, 1, 5_000);
        var parallel = Math.Max(1, o.MonthlyParallelism);
        var seen = new HashSet<Guid>();
        int due = 0, charged = 0, declined = 0, other = 0;
        while (true)
        {
            List<Guid> ids;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var now = clock.GetUtcNow();
                ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().MonthlyGifts.AsNoTracking()
                    .Where(m => m.Status == MonthlyStatus.Active && m.NextDueAt <= now).OrderBy(m => m.NextDueAt).Select(m => m.Id).Take(size * parallel).ToListAsync(ct);
            }
            // A month that failed stays due: this pass does not try it again (the next one will).
            ids.RemoveAll(id => !seen.Add(id));
            if (ids.Count == 0) break;
            await Parallel.ForEachAsync(ids.Chunk(size), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (batch, token) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var done = await scope.ServiceProvider.GetRequiredService<MonthlyCharging>().ChargeAsync(batch, token);
                    Interlocked.Add(ref due, done.Due);
                    Interlocked.Add(ref charged, done.Charged);
                    Interlocked.Add(ref declined, done.Declined);
                    Interlocked.Add(ref other, done.Other);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "A batch of {Count} monthly gifts could not be charged this pass", batch.Length);
                    Interlocked.Add(ref due, batch.Length);
                    Interlocked.Add(ref other, batch.Length);
                }
            });
        }
        return new MonthlyRunResult(due, charged, declined, other);
    }
}
