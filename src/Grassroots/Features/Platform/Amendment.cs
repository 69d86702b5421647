using System.Text.Json.Serialization;
using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Platform;

/// <summary>What an amendment does to its plank: changes its text (replace, insert or delete words), adds a plank after it, or removes it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AmendmentKind>))]
public enum AmendmentKind { Change = 0, AddPlank = 1, RemovePlank = 2 }

/// <summary>
/// Open: gathering co-signers. OnBallot: enough co-signed it; it goes to the convention's ballot (and stays
/// mergeable). Accepted: the facilitators will merge it; Merged: it is in a version. Rejected and Withdrawn end it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AmendmentStatus>))]
public enum AmendmentStatus { Open = 0, OnBallot = 1, Accepted = 2, Merged = 3, Rejected = 4, Withdrawn = 5 }

/// <summary>
/// A member's proposed change to one plank of one version. Its text lives in <see cref="AmendmentRevision"/>s
/// (the author may revise; every revision is kept and co-signers are told). <see cref="Cosigners"/> counts the
/// live <see cref="AmendmentCosign"/> rows and moves only by conditional updates, like an event's seats.
/// </summary>
public sealed class Amendment
{
    public const int MaxTitleLength = 140;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>#12 on the document: what people say in a meeting.</summary>
    public int Number { get; set; }
    public Guid DocumentId { get; set; }
    public Guid VersionId { get; set; }
    public int VersionNumber { get; set; }
    public Guid PlankKey { get; set; }
    public AmendmentKind Kind { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    public AmendmentStatus Status { get; set; }
    public int Revision { get; set; } = 1;
    public int Cosigners { get; set; }
    /// <summary>The passage of the plank it touches, in words of the amended version's text: two open amendments whose passages overlap conflict.</summary>
    public int FromWord { get; set; }
    public int ToWord { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? BallotAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The version it was merged into.</summary>
    public int? MergedInto { get; set; }
    public ContentModeration Moderation { get; set; }
    /// <summary>The client's Idempotency-Key: a proposal sent again after a lost answer is found, not doubled.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>One wording of an amendment; the first is revision 1. Never changed once written.</summary>
public sealed class AmendmentRevision
{
    public const int MaxReasonLength = 10_000;

    public Guid AmendmentId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The plank's whole text as the amendment would leave it (the new plank's, for AddPlank; empty for RemovePlank).</summary>
    public string Text { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member's signature under an amendment (one per member: the key). Withdrawn rows are deleted.</summary>
public sealed class AmendmentCosign
{
    public Guid AmendmentId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The revision they signed: after a revision the page asks them whether they still agree.</summary>
    public int Revision { get; set; }
}

/// <summary>A comment on an amendment, threaded one level under another (<see cref="ParentId"/>).</summary>
public sealed class AmendmentComment
{
    public const int MaxBodyLength = 5_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AmendmentId { get; set; }
    public Guid? ParentId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>Flagged past the threshold: its words are shown only to its author (and its jurors while under review).</summary>
    public ContentModeration Moderation { get; set; }
}

internal sealed class AmendmentConfiguration :
    IEntityTypeConfiguration<Amendment>, IEntityTypeConfiguration<AmendmentRevision>, IEntityTypeConfiguration<AmendmentCosign>, IEntityTypeConfiguration<AmendmentComment>
{
    public void Configure(EntityTypeBuilder<Amendment> b)
    {
        b.ToTable("platform_amendments", t => t.HasCheckConstraint("CK_platform_amendments_cosigners", "\"Cosigners\" >= 0"));
        b.Property(a => a.Title).HasMaxLength(Amendment.MaxTitleLength);
        b.Property(a => a.DecisionNote).HasMaxLength(2_000);
        b.HasIndex(a => new { a.DocumentId, a.Number }).IsUnique();
        b.HasIndex(a => new { a.DocumentId, a.Status, a.Cosigners });
        b.HasIndex(a => new { a.DocumentId, a.PlankKey, a.Status });
        b.HasIndex(a => a.AuthorId);
        b.Property(a => a.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(a => new { a.AuthorId, a.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        b.HasOne<PlatformDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlatformVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AmendmentRevision> b)
    {
        b.ToTable("platform_amendment_revisions");
        b.HasKey(r => new { r.AmendmentId, r.Number });
        b.Property(r => r.Title).HasMaxLength(Amendment.MaxTitleLength);
        b.Property(r => r.Text).HasMaxLength(PlatformPlank.MaxBodyLength);
        b.Property(r => r.Reason).HasMaxLength(AmendmentRevision.MaxReasonLength);
        b.HasOne<Amendment>().WithMany().HasForeignKey(r => r.AmendmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AmendmentCosign> b)
    {
        b.ToTable("platform_cosigns");
        b.HasKey(c => new { c.AmendmentId, c.MemberId });
        b.HasIndex(c => c.MemberId);
        b.HasOne<Amendment>().WithMany().HasForeignKey(c => c.AmendmentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AmendmentComment> b)
    {
        b.ToTable("platform_comments");
        b.Property(c => c.Body).HasMaxLength(AmendmentComment.MaxBodyLength);
        b.HasIndex(c => new { c.AmendmentId, c.CreatedAt });
        b.HasIndex(c => c.AuthorId);
        b.HasOne<Amendment>().WithMany().HasForeignKey(c => c.AmendmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The public log of what facilitators did: named, dated, never edited.</summary>
public sealed class FacilitatorAction
{
    public const int MaxDetailLength = 2_000;

    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public Guid ActorId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>phase, settings, facilitator.add, facilitator.remove, amendment.accept, amendment.reject, merge.</summary>
    public required string Action { get; set; }
    public string Detail { get; set; } = "";
}

internal sealed class FacilitatorActionConfiguration : IEntityTypeConfiguration<FacilitatorAction>
{
    public void Configure(EntityTypeBuilder<FacilitatorAction> b)
    {
        b.ToTable("platform_log");
        b.Property(a => a.Action).HasMaxLength(40);
        b.Property(a => a.Detail).HasMaxLength(FacilitatorAction.MaxDetailLength);
        b.HasIndex(a => new { a.DocumentId, a.Id });
        b.HasOne<PlatformDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
