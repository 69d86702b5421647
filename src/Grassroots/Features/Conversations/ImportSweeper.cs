using Microsoft.Extensions.Logging;

namespace Grassroots.Features.Conversations;

/// <summary>
/// Deletes Pol.is imports left half-written when the process stopped in the middle of one: at start and every hour,
/// those begun more than an hour ago (an import of a million votes takes about a minute).
/// </summary>
internal sealed class ImportSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Age = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Age, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var swept = await scope.ServiceProvider.GetRequiredService<PolisImport>().SweepAsync(clock.GetUtcNow() - Age, stoppingToken);
                if (swept > 0) log.LogWarning("Deleted {Count} Pol.is imports that never finished", swept);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sweeping unfinished Pol.is imports failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
