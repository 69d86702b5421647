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

    public void Enqueue(string to, string subject, string text, string? html = null) =>
        Enqueue(to, subject, text, new MailExtras(html));

    /// <param name="extras">An HTML part, a relay Reply-To, a one-click unsubscribe link.</param>
    public void Enqueue(string to, string subject, string text, MailExtras extras) => EnqueueInto(db, to, subject, text, extras);

    /// <summary>
    /// Adds the message to another unit of work (a <see cref="Data.GroupCommit"/> writer), so it commits with
    /// the change made there; call <see cref="Wake"/> once that commit is acknowledged.
    /// </summary>
    public void EnqueueInto(AppDbContext target, string to, string subject, string text, MailExtras extras)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            To = to, Subject = OneLine(subject), TextBody = text, HtmlBody = extras.Html,
            ReplyTo = extras.ReplyTo, UnsubscribeUrl = extras.UnsubscribeUrl, Calendar = extras.Calendar,
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
        target.Outbox.Add(message);
        if (!ReferenceEquals(target, db)) return;
        if (!_subscribed)
        {
            _subscribed = true;
            db.SavedChanges += Saved;
        }
    }

    /// <summary>Tells the sender there is mail (after a commit made elsewhere).</summary>
    public void Wake() => signal.Wake();

    /// <summary>
    /// A subject is one line (typed line breaks would show in the header's folding and the mail's heading)
    /// and fits its column: a group's name, a title and a member's subject can together be longer.
    /// </summary>
    public static string OneLine(string subject)
    {
        var line = string.Join(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= OutboxMessage.MaxSubjectLength ? line : line[..(OutboxMessage.MaxSubjectLength - 1)].TrimEnd() + "…";
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

/// <summary>What a message may carry besides its plain text.</summary>
/// <param name="Html">An HTML alternative to the text (already safe: rendered from sanitized Markdown).</param>
/// <param name="ReplyTo">Where replies go (a relay address the site receives).</param>
/// <param name="UnsubscribeUrl">An absolute https/http link that unsubscribes the recipient from this kind of mail by POST.</param>
/// <param name="Calendar">An iCalendar (RFC 5545) text attached as invite.ics.</param>
public sealed record MailExtras(string? Html = null, string? ReplyTo = null, string? UnsubscribeUrl = null, string? Calendar = null);

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
