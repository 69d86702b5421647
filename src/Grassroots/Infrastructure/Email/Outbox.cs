using Grassroots.Infrastructure.Data;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Adds messages to the outbox table of the caller's unit of work; the caller's SaveChanges
/// commits them together with the change that caused them, then the sender is woken.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, OutboxSignal signal)
{
    private bool _subscribed;

    public void Enqueue(string to, string subject, string text, string? html = null)
    {
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessage
        {
            To = to, Subject = subject, TextBody = text, HtmlBody = html,
            CreatedAt = now, NextAttemptAt = now,
        });
        if (!_subscribed)
        {
            _subscribed = true;
            db.SavedChanges += Wake;
        }
    }

    private void Wake(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
    {
        db.SavedChanges -= Wake;
        _subscribed = false;
        signal.Wake();
    }
}

/// <summary>Wakes the background sender so mail goes out at once instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
