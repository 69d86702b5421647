using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Moderation;

[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus { UnderReview = 0, Removed = 1, Kept = 2 }

[JsonConverter(typeof(JsonStringEnumConverter<JuryVote>))]
public enum JuryVote { Keep = 0, Remove = 1 }

public sealed class ModerationOptions
{
    public const string Section = "Moderation";
    /// <summary>Distinct members whose flags hide content pending review.</summary>
    public int HideThreshold { get; set; } = 3;
    /// <summary>Members drawn at random for each jury; a majority decides.</summary>
    public int JurySize { get; set; } = 5;
    /// <summary>Only members who signed in this recently are drawn: people who can act, never the demo's or long-gone accounts.</summary>
    public TimeSpan JurorActiveWithin { get; set; } = TimeSpan.FromDays(90);
    /// <summary>A juror who has not voted this long after being drawn gives the seat to another member.</summary>
    public TimeSpan VoteWithin { get; set; } = TimeSpan.FromDays(3);
    /// <summary>How often the seats of jurors who let the time run out are drawn again.</summary>
    public TimeSpan SeatCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// How old an account must be for its flag to count toward hiding content, and to sit on a jury: a
    /// handful of accounts made the same hour cannot hide someone's work and then judge it.
    /// </summary>
    public TimeSpan MinimumAccountAge { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Content that enough members flagged: hidden while a jury of randomly drawn members reviews it.
/// The decision and the jurors' reasons are public; the author may appeal once, to a new jury.
/// No single person decides.
/// </summary>
public sealed class ModerationCase
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ContentType { get; set; }
    public required string ContentId { get; set; }
    public required string ContentTitle { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>1, or 2 after an appeal.</summary>
    public int Round { get; set; } = 1;
    public bool Appealed { get; set; }
    public string? AppealReason { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public sealed class Juror
{
    public Guid CaseId { get; set; }
    public int Round { get; set; }
    public Guid MemberId { get; set; }
    public JuryVote? Vote { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public DateTimeOffset? VotedAt { get; set; }
    /// <summary>Set when the time to vote ran out: the seat went to another member; this juror can no longer vote.</summary>
    public DateTimeOffset? LapsedAt { get; set; }
}

internal sealed class ModerationCaseConfiguration : IEntityTypeConfiguration<ModerationCase>
{
    public void Configure(EntityTypeBuilder<ModerationCase> b)
    {
        b.ToTable("moderation_cases");
        b.Property(c => c.ContentType).HasMaxLength(30);
        b.Property(c => c.ContentId).HasMaxLength(100);
        b.Property(c => c.ContentTitle).HasMaxLength(200);
        b.Property(c => c.AppealReason).HasMaxLength(Flagging.MaxReasonLength);
        // One open case per piece of content: the flag that crosses the threshold opens it, exactly
        // once; after a decision, new flaggers may open another (same SQL on both providers).
        b.HasIndex(c => new { c.ContentType, c.ContentId }).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_moderation_cases_open");
        b.HasIndex(c => new { c.ContentType, c.ContentId, c.OpenedAt });
        b.HasIndex(c => c.OpenedAt);
        b.HasIndex(c => c.Status); // the seat check looks only at open cases
    }
}

internal sealed class JurorConfiguration : IEntityTypeConfiguration<Juror>
{
    public void Configure(EntityTypeBuilder<Juror> b)
    {
        b.ToTable("jurors");
        b.HasKey(j => new { j.CaseId, j.Round, j.MemberId });
        b.Property(j => j.Reason).HasMaxLength(Flagging.MaxReasonLength);
        b.HasIndex(j => j.MemberId);
        b.HasOne<ModerationCase>().WithMany().HasForeignKey(j => j.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
