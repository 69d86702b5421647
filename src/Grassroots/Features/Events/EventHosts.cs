using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Events;

/// <summary>
/// A member the host asked to co-host. Until they accept, their name is not on the event and they see nothing
/// a host sees; removing the row ends their access at once (every host check reads it).
/// </summary>
public sealed class EventCohost
{
    public Guid EventId { get; set; }
    public Guid MemberId { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>A group co-hosting an event: the event shows on the group's page and in its calendar feed.</summary>
public sealed class EventGroup
{
    public Guid EventId { get; set; }
    public Guid GroupId { get; set; }
    public Guid AddedById { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A host's message to the people coming, kept so every host sees what was said.</summary>
public sealed class EventMessage
{
    public const int MaxSubjectLength = 150;
    public const int MaxBodyLength = 10_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public Guid SenderId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public bool ToWaitlist { get; set; }
    public int Recipients { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class EventHostsConfiguration : IEntityTypeConfiguration<EventCohost>, IEntityTypeConfiguration<EventGroup>, IEntityTypeConfiguration<EventMessage>
{
    public void Configure(EntityTypeBuilder<EventCohost> b)
    {
        b.ToTable("event_cohosts");
        b.HasKey(c => new { c.EventId, c.MemberId });
        b.HasIndex(c => c.MemberId);
        b.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EventGroup> b)
    {
        b.ToTable("event_groups");
        b.HasKey(g => new { g.EventId, g.GroupId });
        b.HasIndex(g => g.GroupId);
        b.HasOne<Event>().WithMany().HasForeignKey(g => g.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Groups.Group>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EventMessage> b)
    {
        b.ToTable("event_messages");
        b.Property(m => m.Subject).HasMaxLength(EventMessage.MaxSubjectLength);
        b.Property(m => m.Body).HasMaxLength(EventMessage.MaxBodyLength);
        b.HasIndex(m => new { m.EventId, m.SentAt });
        b.HasIndex(m => new { m.SenderId, m.SentAt });
        b.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
