using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Sends due outbox messages. A message is claimed with a conditional update (so several app
/// instances never send the same one), sent, then marked; on failure it is retried with
/// exponential backoff until MaxAttempts, and nothing is deleted.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, OutboxSignal signal, MailDelivery delivery,
    IOptions<EmailOptions> options, TimeProvider clock, Web.GrassrootsMetrics metrics, ILogger<OutboxSender> log) : BackgroundService
{
    private readonly EmailOptions _o = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Outbox pass failed; will retry");
            }
            try { await signal.WaitAsync(_o.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>One pass: claim a batch, send it, record the outcome. Returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < _o.MaxAttempts && m.NextAttemptAt <= now
                        && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(_o.BatchSize)
            .Select(m => m.Id).ToListAsync(ct);
        if (candidates.Count == 0) return 0;

        var lease = now.AddMinutes(2);
        var claimed = new List<OutboxMessage>(candidates.Count);
        foreach (var id in candidates)
        {
            var won = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), ct);
            if (won == 1) claimed.Add(await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct));
        }
        if (claimed.Count == 0) return 0;

        // Each message is marked sent as soon as the server took it, not after the whole batch, and even
        // while shutting down: a failure later in the batch, or a crash, must not send it again
        // (bench/crash.sh counts duplicates after SIGKILLs).
        var sent = new HashSet<Guid>();
        try
        {
            await delivery.SendAsync(claimed, async m =>
            {
                var sentAt = clock.GetUtcNow();
                await db.Outbox.Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(x => x.Attempts, x => x.Attempts + 1), CancellationToken.None);
                sent.Add(m.Id);
                metrics.EmailsSent.Add(1);
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Sending {Count} message(s) failed; backing off", claimed.Count - sent.Count);
            metrics.EmailsFailed.Add(claimed.Count - sent.Count);
            foreach (var m in claimed.Where(m => !sent.Contains(m.Id)))
            {
                var attempts = m.Attempts + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
                var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Attempts, attempts)
                    .SetProperty(x => x.NextAttemptAt, clock.GetUtcNow() + delay)
                    .SetProperty(x => x.LastError, error)
                    .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
            return 0;
        }
        return claimed.Count;
    }
}
