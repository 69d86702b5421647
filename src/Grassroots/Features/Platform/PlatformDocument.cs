using System.Text.Json.Serialization;
using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Platform;

/// <summary>Where a document stands: the text is drafted, then deliberated, then frozen for the convention, then ratified.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlatformPhase>))]
public enum PlatformPhase { Drafting = 0, Deliberation = 1, Frozen = 2, Ratified = 3 }

/// <summary>
/// A platform document ("The People's Platform", a state party's platform): a title, a current version and a
/// phase. The text itself lives only in immutable <see cref="PlatformVersion"/>s; the document changes by
/// facilitators merging accepted amendments into a new version, never by editing in place.
/// </summary>
public sealed class PlatformDocument
{
    public const int MaxTitleLength = 140;
    public const int MaxSummaryLength = 4_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int CurrentVersion { get; set; } = 1;
    public PlatformPhase Phase { get; set; }
    public DateTimeOffset PhaseStartedAt { get; set; }
    /// <summary>When the facilitators plan to close the phase (shown; closing stays their act).</summary>
    public DateTimeOffset? PhaseEndsAt { get; set; }
    /// <summary>What Decidim's users asked for: facilitators switch these per phase (a phase change resets them).</summary>
    public bool AmendmentsOpen { get; set; } = true;
    public bool CosigningOpen { get; set; } = true;
    public bool CommentsOpen { get; set; } = true;
    /// <summary>Co-signers an amendment needs before it goes to the convention's ballot, in thousandths of the movement's members (accounts with a confirmed address).</summary>
    public int BallotPerMille { get; set; } = PlatformRules.DefaultBallotPerMille;
    /// <summary>The floor under the share: a handful of friends never put an amendment on the ballot of a small document.</summary>
    public int BallotMinimum { get; set; } = PlatformRules.DefaultBallotMinimum;
    public ContentModeration Moderation { get; set; }
    /// <summary>Bumped by every facilitator act on the document: two facilitators merging at once cannot both win.</summary>
    public int Revision { get; set; }
    /// <summary>
    /// The assembly its creators named to ratify it: only that assembly's motions may ratify a version or adopt an
    /// amendment of it. Without it, no assembly can (anyone may start one, with a roll of one).
    /// </summary>
    public Guid? ConventionId { get; set; }
}

/// <summary>Who runs a document: its creators name facilitators (and other creators); both facilitate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentRole>))]
public enum DocumentRole { Facilitator = 0, Creator = 1 }

public sealed class DocumentFacilitator
{
    public Guid DocumentId { get; set; }
    public Guid MemberId { get; set; }
    public DocumentRole Role { get; set; }
    public DateTimeOffset NamedAt { get; set; }
    public Guid NamedById { get; set; }
}

/// <summary>
/// A creator asked a member to facilitate (or co-create) a document. Nothing of the role is theirs, and their name
/// is nowhere public, until they accept: then the row becomes a <see cref="DocumentFacilitator"/> and the log says so.
/// </summary>
public sealed class FacilitatorInvitation
{
    public Guid DocumentId { get; set; }
    public Guid MemberId { get; set; }
    public DocumentRole Role { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
}

internal sealed class PlatformDocumentConfiguration : IEntityTypeConfiguration<PlatformDocument>, IEntityTypeConfiguration<DocumentFacilitator>, IEntityTypeConfiguration<FacilitatorInvitation>
{
    public void Configure(EntityTypeBuilder<PlatformDocument> b)
    {
        b.ToTable("platform_documents", t =>
        {
            t.HasCheckConstraint("CK_platform_documents_ballot", "\"BallotPerMille\" BETWEEN 1 AND 1000 AND \"BallotMinimum\" >= 1");
            t.HasCheckConstraint("CK_platform_documents_version", "\"CurrentVersion\" >= 1");
        });
        b.Property(d => d.Slug).HasMaxLength(140);
        b.Property(d => d.Title).HasMaxLength(PlatformDocument.MaxTitleLength);
        b.Property(d => d.Summary).HasMaxLength(PlatformDocument.MaxSummaryLength);
        b.Property(d => d.Revision).IsConcurrencyToken();
        b.HasIndex(d => d.Slug).IsUnique();
        b.HasIndex(d => d.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<DocumentFacilitator> b)
    {
        b.ToTable("platform_facilitators");
        b.HasKey(f => new { f.DocumentId, f.MemberId });
        b.HasIndex(f => f.MemberId);
        b.HasOne<PlatformDocument>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<FacilitatorInvitation> b)
    {
        b.ToTable("platform_facilitator_invitations");
        b.HasKey(f => new { f.DocumentId, f.MemberId });
        b.HasIndex(f => f.MemberId);
        b.HasOne<PlatformDocument>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
