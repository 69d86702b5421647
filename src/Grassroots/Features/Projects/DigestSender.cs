using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>Sends the followers' digests every Projects:DigestInterval (a day by default).</summary>
public sealed class DigestSender(IServiceScopeFactory scopes, IOptions<ProjectsOptions> options, TimeProvider clock, ILogger<DigestSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<Following>().SendDigestsAsync(stoppingToken);
                if (sent > 0) log.LogInformation("Queued {Count} project digests", sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Project digests failed; will retry at the next tick");
            }
        }
    }
}
