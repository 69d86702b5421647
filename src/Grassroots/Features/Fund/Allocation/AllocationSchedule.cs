using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Allocation;

/// <summary>
/// Runs the allocation when it is due: Fund:AllocationInterval after the last run (or at once when there never was
/// one and the pool has money for a backed candidate). The key is the due time, so two app instances that both see the
/// run due write it once. An empty pool or no one backed is not an error: the schedule tries again at the next check.
/// </summary>
public sealed class AllocationSchedule(IServiceScopeFactory scopes, IOptions<FundOptions> options, TimeProvider clock, ILogger<AllocationSchedule> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AllocationInterval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Value.AllocationCheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await RunIfDueAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "The scheduled allocation failed; trying again at the next check"); }
        }
    }

    /// <summary>Runs the allocation if it is due; returns the run, or null when it was not due or had nothing to share.</summary>
    public async Task<AllocationRun?> RunIfDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var allocating = scope.ServiceProvider.GetRequiredService<Allocating>();
        var last = await allocating.LastAtAsync(ct);
        var now = clock.GetUtcNow();
        if (last is { } at && now < at + options.Value.AllocationInterval) return null;
        var (run, problem) = await allocating.RunAsync($"schedule:{(last ?? now).UtcDateTime:O}", null, ct);
        if (run is not null) log.LogInformation("Allocation {Number}: {Cents} cents among {Recipients} candidates", run.Number, run.AllocatedCents, run.Recipients);
        else if (problem is not null) log.LogDebug("Allocation due but not run: {Problem}", problem.Value.Errors?.ToString() ?? problem.Value.Detail);
        return run;
    }
}
