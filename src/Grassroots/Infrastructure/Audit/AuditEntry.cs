using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Infrastructure.Audit;

/// <summary>Who did or read what, and when: privileged actions and every read of private data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The member who acted; null for the system.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>A dotted verb, e.g. "member.export", "group.organizer.add", "group.message".</summary>
    public required string Action { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    public string? Detail { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.SubjectType).HasMaxLength(50);
        b.Property(a => a.SubjectId).HasMaxLength(100);
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.HasIndex(a => new { a.SubjectType, a.SubjectId, a.At });
        b.HasIndex(a => new { a.ActorId, a.At });
    }
}
