namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Tells operators about a message that will never be sent: a counter by reason and one log line with
/// the message's id (the outbox row has the address and the full error; logs name no address).
/// </summary>
public sealed class UndeliverableMail(Web.GrassrootsMetrics metrics, ILogger<UndeliverableMail> log)
{
    /// <summary>Reasons, as the counter's "reason" tag.</summary>
    public const string Invalid = "invalid", Refused = "refused", OutOfAttempts = "attempts";

    public void Report(Guid messageId, string reason, string? cause)
    {
        metrics.EmailsUndeliverable.Add(1, new KeyValuePair<string, object?>("reason", reason));
        log.LogWarning("Outbox message {MessageId} is undeliverable ({Reason}): {Cause}; it stays in the outbox with its error",
            messageId, reason, cause);
    }
}
