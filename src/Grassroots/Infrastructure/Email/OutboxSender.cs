using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Sends due outbox messages. A message is claimed with a conditional update (so several app
/// instances never send the same one), sent, then marked. Each message fails alone: one that cannot be
/// built or that the server refuses for good (5xx) is given up on at once, one the server defers (4xx) is
/// retried on its own with exponential backoff, and the rest of its batch goes out in the same pass.
/// Only failing to reach the server backs off the whole batch. After MaxAttempts a message is given
/// up on; nothing is deleted.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, OutboxSignal signal, MailDelivery delivery, UndeliverableMail undeliverable,
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

    /// <summary>One pass: claim a batch, send it, record each outcome. Returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts < _o.MaxAttempts && m.NextAttemptAt <= now
                        && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(_o.BatchSize)
            .Select(m => m.Id).ToListAsync(ct);
        if (candidates.Count == 0) return 0;

        var lease = now.AddMinutes(2);
        var claimed = new List<OutboxMessage>(candidates.Count);
        foreach (var id in candidates)
        {
            var won = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lease), ct);
            if (won == 1) claimed.Add(await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct));
        }
        if (claimed.Count == 0) return 0;

        // Each outcome is recorded as soon as it is known, before the next message is handed over, and even
        // while shutting down: what the server took must not be sent again after a later failure or a crash
        // (bench/crash.sh counts duplicates after SIGKILLs).
        var recorded = new HashSet<Guid>();
        try
        {
            await delivery.SendAsync(claimed, async (m, outcome) =>
            {
                await RecordAsync(db, m, outcome);
                recorded.Add(m.Id);
            }, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The server could not be reached (down, our credentials refused, a bad Email:From): every message
            // not handed over yet waits, as today. Messages already recorded keep their own outcome.
            var waiting = claimed.Where(m => !recorded.Contains(m.Id)).ToList();
            log.LogWarning(ex, "Could not reach the mail server; {Count} message(s) will be retried", waiting.Count);
            var error = ex.Message;
            foreach (var m in waiting)
                await RetryLaterAsync(db, m, error, $"the mail server could not be reached ({ex.GetType().Name})");
            return 0;
        }
        return claimed.Count;
    }

    // CancellationToken.None below: once the server has answered, its answer is recorded even while shutting down.
    private async Task RecordAsync(AppDbContext db, OutboxMessage m, DeliveryOutcome outcome)
    {
        switch (outcome.Result)
        {
            case DeliveryResult.Sent:
                var sentAt = clock.GetUtcNow();
                await db.Outbox.Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(x => x.Attempts, x => x.Attempts + 1), CancellationToken.None);
                metrics.EmailsSent.Add(1);
                break;
            case DeliveryResult.Invalid:
                await GiveUpAsync(db, m, outcome.Error, UndeliverableMail.Invalid, outcome.Cause);
                break;
            case DeliveryResult.Refused:
                await GiveUpAsync(db, m, outcome.Error, UndeliverableMail.Refused, outcome.Cause);
                break;
            default:
                log.LogInformation("Outbox message {MessageId} was not sent this time: {Cause}", m.Id, outcome.Cause);
                await RetryLaterAsync(db, m, outcome.Error, outcome.Cause);
                break;
        }
    }

    /// <summary>Backs one message off exponentially (5 s, 10 s, … up to an hour), or gives up after MaxAttempts.</summary>
    private async Task RetryLaterAsync(AppDbContext db, OutboxMessage m, string? error, string? cause)
    {
        var attempts = m.Attempts + 1;
        if (attempts >= _o.MaxAttempts)
        {
            await GiveUpAsync(db, m, error, UndeliverableMail.OutOfAttempts, $"{cause}, at attempt {attempts} of {_o.MaxAttempts}");
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
        var next = clock.GetUtcNow() + delay;
        var lastError = Clip(error);
        await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, lastError)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        metrics.EmailsFailed.Add(1);
    }

    /// <summary>Keeps the row, with when and why, and never tries it again.</summary>
    private async Task GiveUpAsync(AppDbContext db, OutboxMessage m, string? error, string reason, string? cause)
    {
        var attempts = m.Attempts + 1;
        var failedAt = clock.GetUtcNow();
        var lastError = Clip(error);
        await db.Outbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.FailedAt, failedAt)
            .SetProperty(x => x.LastError, lastError)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        undeliverable.Report(m.Id, reason, cause);
    }

    internal static string? Clip(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}
