using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Projects;

[JsonConverter(typeof(JsonStringEnumConverter<PledgeStatus>))]
public enum PledgeStatus { Pending = 0, Accepted = 1, Declined = 2, Withdrawn = 3 }

/// <summary>"I'll do it", "I'll give $25", "I have a projector". Never lost, never counted twice.</summary>
public sealed class Pledge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeedId { get; set; }
    public Need? Need { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    /// <summary>Heads, cents, things or hours, in the need's unit.</summary>
    public long Amount { get; set; }
    public string? Note { get; set; }
    public PledgeStatus Status { get; set; }
    /// <summary>The client's key for this write: a retried request finds the pledge it already made.</summary>
    public required string IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>
    /// Still counts: waiting for an owner or accepted (declined and withdrawn pledges hold nothing).
    /// The one rule behind every "has pledged", "open pledges" and "who is helping" question.
    /// </summary>
    public static readonly Expression<Func<Pledge, bool>> IsActive = p => p.Status == PledgeStatus.Pending || p.Status == PledgeStatus.Accepted;
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.ToTable("pledges");
        b.Property(p => p.Note).HasMaxLength(PledgeInput.MaxNoteLength);
        b.Property(p => p.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(p => new { p.MemberId, p.IdempotencyKey }).IsUnique();
        // One active pledge per member and need: pledging twice is refused by the database too.
        b.HasIndex(p => new { p.NeedId, p.MemberId }).IsUnique().HasFilter("\"Status\" IN (0, 1)");
        b.HasIndex(p => new { p.ProjectId, p.Status });
        b.HasOne(p => p.Need).WithMany().HasForeignKey(p => p.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Member).WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_pledges_amount", "\"Amount\" > 0"));
    }
}
