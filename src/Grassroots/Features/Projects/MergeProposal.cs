using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Projects;

[JsonConverter(typeof(JsonStringEnumConverter<MergeProposalStatus>))]
public enum MergeProposalStatus { Pending = 0, Accepted = 1, Declined = 2, Withdrawn = 3 }

/// <summary>
/// An owner of one project asks the owners of another to make the two one. Nothing moves until an
/// owner of the other project accepts: neither side takes over the other's work without a yes.
/// </summary>
public sealed class MergeProposal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The project whose needs, pledges, followers and updates move; its address then leads to the other.</summary>
    public Guid FromProjectId { get; set; }
    /// <summary>The project kept, under its own title and address.</summary>
    public Guid IntoProjectId { get; set; }
    /// <summary>The proposer's side: they own this one of the two, and the other side answers.</summary>
    public Guid ProposerProjectId { get; set; }
    public Guid ProposedById { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public string? Note { get; set; }
    public MergeProposalStatus Status { get; set; }
    public Guid? AnsweredById { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    public Guid AnswererProjectId => ProposerProjectId == FromProjectId ? IntoProjectId : FromProjectId;

    public const int MaxNoteLength = 1000;
}

internal sealed class MergeProposalConfiguration : IEntityTypeConfiguration<MergeProposal>
{
    public void Configure(EntityTypeBuilder<MergeProposal> b)
    {
        b.ToTable("project_merge_proposals");
        b.Property(m => m.Note).HasMaxLength(MergeProposal.MaxNoteLength);
        b.Ignore(m => m.AnswererProjectId);
        b.HasIndex(m => new { m.FromProjectId, m.Status });
        b.HasIndex(m => new { m.IntoProjectId, m.Status });
        b.HasOne<Project>().WithMany().HasForeignKey(m => m.FromProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Project>().WithMany().HasForeignKey(m => m.IntoProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.ProposedById).OnDelete(DeleteBehavior.Cascade);
    }
}
