using Grassroots.Infrastructure.Data;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Adds messages to the outbox table of the caller's unit of work; the caller's SaveChanges
/// commits them together with the change that caused them, then the sender is woken.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, OutboxSignal signal, UndeliverableMail undeliverable)
{
    private bool _subscribed;
    private readonly List<Guid> _unusable = [];

    public void Enqueue(string to, string subject, string text, string? html = null)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            To = to, Subject = subject, TextBody = text, HtmlBody = html,
            CreatedAt = now, NextAttemptAt = now,
        };
        // An address no message can be built for (the sign-up's validation lets "x.@example.net" through)
        // is kept as undeliverable from the start, so it never takes a place in the sender's batches.
        if (!MailDelivery.IsUsableAddress(to, out var error))
        {
            message.FailedAt = now;
            message.LastError = OutboxSender.Clip($"The address cannot be used: {error}");
            _unusable.Add(message.Id);
        }
        db.Outbox.Add(message);
        if (!_subscribed)
        {
            _subscribed = true;
            db.SavedChanges += Saved;
        }
    }

    private void Saved(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
    {
        db.SavedChanges -= Saved;
        _subscribed = false;
        foreach (var id in _unusable)
            undeliverable.Report(id, UndeliverableMail.Invalid, "its address cannot be parsed");
        _unusable.Clear();
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
