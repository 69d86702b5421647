using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// An email waiting to be sent. It is written in the same transaction as the change that caused it,
/// so a message is never lost when the mail server is down: the sender retries with backoff. Nothing
/// is deleted: a message that will never be sent keeps its row with <see cref="FailedAt"/> and its error.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string To { get; set; }
    public const int MaxSubjectLength = 300;
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    /// <summary>Where a reply goes: the site's relay address for a conversation, never a member's own address.</summary>
    public string? ReplyTo { get; set; }
    /// <summary>
    /// The one-click unsubscribe link for the kind of mail this is (RFC 8058): sent as <c>List-Unsubscribe</c>
    /// with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>, so a mail client's button works unsigned-in.
    /// </summary>
    public string? UnsubscribeUrl { get; set; }
    /// <summary>An iCalendar file sent along as <c>invite.ics</c> (an event's confirmation, change or cancellation).</summary>
    public string? Calendar { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// When the sender gave up on it: it cannot be built (an address MimeKit refuses), the server refused it
    /// for good (5xx), or it ran out of attempts. <see cref="LastError"/> says why.
    /// </summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>Set while one sender instance holds the message, so that several instances never send it twice.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.ReplyTo).HasMaxLength(320);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        // The sender's query: neither sent nor given up, due first. Given-up rows stay out of its range,
        // however many a flood of bad addresses leaves behind.
        b.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
    }
}
