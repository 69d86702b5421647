using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Platform;

/// <summary>
/// An immutable snapshot of a document's text: numbered 1, 2, 3… and never changed once written (amendments
/// name the version they amend, comparisons and exports read it years later). Its sections and planks are
/// rows of their own; a plank keeps its <see cref="PlatformPlank.Key"/> from version to version so an
/// amendment, a conversation or a diff can follow it.
/// </summary>
public sealed class PlatformVersion
{
    public const int MaxNoteLength = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DocumentId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedById { get; set; }
    /// <summary>What changed ("Merged amendments #3, #7"; "Imported from platform-2016.docx").</summary>
    public string Note { get; set; } = "";
    /// <summary>When an assembly's ratify motion on this version passed; with the tally and the address of the vote's audit.</summary>
    public DateTimeOffset? RatifiedAt { get; set; }
    public string? RatifiedTally { get; set; }
    public string? RatifiedAudit { get; set; }
}

public sealed class PlatformSection
{
    public const int MaxTitleLength = 200;

    public Guid VersionId { get; set; }
    public Guid Key { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
}

/// <summary>One plank: a numbered commitment of the platform, in Markdown.</summary>
public sealed class PlatformPlank
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 20_000;

    public Guid VersionId { get; set; }
    public Guid Key { get; set; }
    public Guid SectionKey { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public required string Body { get; set; }
}

internal sealed class PlatformVersionConfiguration : IEntityTypeConfiguration<PlatformVersion>, IEntityTypeConfiguration<PlatformSection>, IEntityTypeConfiguration<PlatformPlank>
{
    public void Configure(EntityTypeBuilder<PlatformVersion> b)
    {
        b.ToTable("platform_versions");
        b.Property(v => v.Note).HasMaxLength(PlatformVersion.MaxNoteLength);
        b.Property(v => v.RatifiedTally).HasMaxLength(300);
        b.Property(v => v.RatifiedAudit).HasMaxLength(300);
        // Two facilitators merging at once both write "version 4": one of them fails here, nothing half-written.
        b.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        b.HasOne<PlatformDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlatformSection> b)
    {
        b.ToTable("platform_sections");
        b.HasKey(s => new { s.VersionId, s.Key });
        b.Property(s => s.Title).HasMaxLength(PlatformSection.MaxTitleLength);
        b.HasOne<PlatformVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlatformPlank> b)
    {
        b.ToTable("platform_planks");
        b.HasKey(p => new { p.VersionId, p.Key });
        b.Property(p => p.Title).HasMaxLength(PlatformPlank.MaxTitleLength);
        b.Property(p => p.Body).HasMaxLength(PlatformPlank.MaxBodyLength);
        b.HasIndex(p => new { p.VersionId, p.Position });
        b.HasOne<PlatformVersion>().WithMany().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
