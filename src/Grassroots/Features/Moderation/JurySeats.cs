using Microsoft.Extensions.Options;

namespace Grassroots.Features.Moderation;

/// <summary>
/// Every Moderation:SeatCheckInterval, gives the seats of jurors who did not vote within
/// Moderation:VoteWithin to other members (see <see cref="Juries.CheckSeatsAsync"/>), so no case
/// waits forever on people who are not there.
/// </summary>
public sealed class JurySeats(IServiceScopeFactory scopes, IOptions<ModerationOptions> options, TimeProvider clock, ILogger<JurySeats> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SeatCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var changed = await scope.ServiceProvider.GetRequiredService<Juries>().CheckSeatsAsync(stoppingToken);
                if (changed > 0) log.LogInformation("Jury seats drawn again in {Count} cases", changed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The jury seat check failed; will retry at the next tick");
            }
        }
    }
}
