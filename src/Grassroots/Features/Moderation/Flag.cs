using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Moderation;

/// <summary>
/// A member's report that a piece of content goes against one of the published community values.
/// Flags are public (in the moderation log, without the reporter's name) and shown to the
/// organizers of the content's group. Thresholds and hiding arrive with Projects.
/// </summary>
public sealed class Flag
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"group", "member", later "project", "event", …</summary>
    public required string ContentType { get; set; }
    public required string ContentId { get; set; }
    /// <summary>The content's title when flagged, so the log stays readable if the content changes.</summary>
    public required string ContentTitle { get; set; }
    /// <summary>The group whose organizers see the flag, when the content belongs to one.</summary>
    public Guid? GroupId { get; set; }
    public Guid ReporterId { get; set; }
    /// <summary>The key of the community value the content is said to break.</summary>
    public required string Value { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Whether the flag counts toward hiding: its reporter's account was older than
    /// <c>Moderation:MinimumAccountAge</c> (from confirmation) when they flagged. Decided then, so that
    /// accounts made the same hour cannot flag at once and count a day later.
    /// </summary>
    public bool Counts { get; set; } = true;
}

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> b)
    {
        b.ToTable("flags");
        b.Property(f => f.ContentType).HasMaxLength(30);
        b.Property(f => f.ContentId).HasMaxLength(100);
        b.Property(f => f.ContentTitle).HasMaxLength(200);
        b.Property(f => f.Value).HasMaxLength(40);
        b.Property(f => f.Reason).HasMaxLength(Flagging.MaxReasonLength);
        // One flag per member and piece of content: a second is a clear error, not a second vote.
        b.HasIndex(f => new { f.ContentType, f.ContentId, f.ReporterId }).IsUnique();
        b.HasIndex(f => f.CreatedAt);
        b.HasIndex(f => new { f.GroupId, f.CreatedAt });
    }
}
