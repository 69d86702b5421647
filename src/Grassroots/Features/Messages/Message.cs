using System.Text.Json.Serialization;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Messages;

/// <summary>Who a message went to: a group's members, a project's accepted volunteers, or one need's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageScope>))]
public enum MessageScope { Group = 0, Project = 1, Need = 2 }

/// <summary>
/// A message an organizer or owner sent, kept for the archive. Every recipient has a <see cref="MessageThread"/>,
/// which is both "this person may read it" and the private conversation between them and the sender.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public MessageScope Scope { get; set; }
    public Guid? GroupId { get; set; }
    /// <summary>Set for project and need messages.</summary>
    public Guid? ProjectId { get; set; }
    public Guid? NeedId { get; set; }
    public Guid SenderId { get; set; }
    public required string Subject { get; set; }
    /// <summary>Markdown, as written; rendered through the sanitizer when shown or mailed.</summary>
    public required string Body { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public int Recipients { get; set; }
}

/// <summary>One recipient of a message, and their private thread with its sender (unique per message and member).</summary>
public sealed class MessageThread
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MessageId { get; set; }
    public Message? Message { get; set; }
    public Guid MemberId { get; set; }
    public int Replies { get; set; }
    public DateTimeOffset? LastReplyAt { get; set; }
}

/// <summary>A reply in a thread, by the recipient or by the sender, written on the site or mailed to the relay.</summary>
public sealed class Reply
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ThreadId { get; set; }
    public bool FromSender { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset SentAt { get; set; }
    /// <summary>The Message-Id of the mail it came in as: a redelivered mail is stored once (unique).</summary>
    public string? MailId { get; set; }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("messages");
        b.Property(m => m.Subject).HasMaxLength(MessageInput.MaxSubjectLength);
        b.Property(m => m.Body).HasMaxLength(MessageInput.MaxBodyLength);
        b.HasIndex(m => new { m.GroupId, m.SentAt });
        b.HasIndex(m => new { m.ProjectId, m.SentAt });
        // The pacing query: how many a sender sent in the past hour.
        b.HasIndex(m => new { m.SenderId, m.SentAt });
    }
}

internal sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> b)
    {
        b.ToTable("message_threads");
        b.HasIndex(t => new { t.MessageId, t.MemberId }).IsUnique();
        b.HasIndex(t => t.MemberId);
        b.HasOne(t => t.Message).WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReplyConfiguration : IEntityTypeConfiguration<Reply>
{
    public void Configure(EntityTypeBuilder<Reply> b)
    {
        b.ToTable("message_replies");
        b.Property(r => r.Body).HasMaxLength(ReplyInput.MaxBodyLength);
        b.Property(r => r.MailId).HasMaxLength(998);
        b.HasIndex(r => new { r.ThreadId, r.SentAt });
        b.HasIndex(r => new { r.AuthorId, r.SentAt });
        b.HasIndex(r => r.MailId).IsUnique();
        b.HasOne<MessageThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
