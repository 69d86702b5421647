using System.Linq.Expressions;
using Grassroots.Features.Moderation;
using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Projects;

[JsonConverter(typeof(JsonStringEnumConverter<ProjectStatus>))]
public enum ProjectStatus { Idea = 0, Active = 1, Done = 2, Archived = 3 }

/// <summary>
/// Something a volunteer wants to make happen. Anyone launches one at once, with no approval;
/// it states what it needs and the crowd pledges.
/// </summary>
public sealed class Project : Grassroots.Infrastructure.Geo.IPlaced
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>One sentence: what will be different when it is done.</summary>
    public required string Goal { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    public ProjectStatus Status { get; set; }
    /// <summary>Done from anywhere (an app, a video); otherwise it has a place and a radius.</summary>
    public bool Online { get; set; }
    public string? Zip { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int? RadiusMiles { get; set; }
    /// <summary>The group it is done for; only a member of the group may say so, and the group's organizers may undo it.</summary>
    public Guid? GroupId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public Guid FounderId { get; set; }
    public Member? Founder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Need> Needs { get; set; } = [];
    public List<ProjectOwner> Owners { get; set; } = [];
    /// <summary>Set while a community jury reviews the project (or after it removed it): out of lists and searches, and frozen.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
    /// <summary>Under review or removed by a jury (see <see cref="ContentModeration"/> for what each means).</summary>
    public ContentModeration Moderation { get; set; }
    /// <summary>Set when the owners merged this project into another; its address then leads there.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>
    /// Who runs the project: its owners, while no jury is reviewing it (moderation freezes it) and it
    /// was not merged away. The one rule behind the "run" policy and the WHERE of every owner's write.
    /// </summary>
    public static Expression<Func<Project, bool>> RunBy(Guid memberId) =>
        p => p.HiddenAt == null && p.MergedIntoId == null && p.Owners.Any(o => o.MemberId == memberId);

    /// <summary>Who owns it, frozen or not (owners still read their pledges and may step down while a jury decides).</summary>
    public static Expression<Func<Project, bool>> OwnedBy(Guid memberId) => p => p.Owners.Any(o => o.MemberId == memberId);

    /// <summary>Listed, searchable and matched: not under review or removed, not merged away.</summary>
    public static readonly Expression<Func<Project, bool>> Listed = p => p.HiddenAt == null && p.MergedIntoId == null;

    /// <summary>A project that is done or archived takes no more pledges.</summary>
    public static bool TakesPledges(ProjectStatus status) => status is ProjectStatus.Idea or ProjectStatus.Active;
}

/// <summary>A co-owner: owners state needs and accept or decline pledges. The founder is the first.</summary>
public sealed class ProjectOwner
{
    public Guid ProjectId { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// An owner asked a member to co-own the project. Nobody becomes an owner (answerable for a
/// project's pledges, named on its page) without saying yes.
/// </summary>
public sealed class OwnerInvitation
{
    public Guid ProjectId { get; set; }
    public Guid MemberId { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    /// <summary>Set when the member said no: kept, so owners cannot ask again and again (the platform's mail is not a megaphone).</summary>
    public DateTimeOffset? DeclinedAt { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("projects");
        b.Property(p => p.Slug).HasMaxLength(120);
        b.Property(p => p.Title).HasMaxLength(ProjectInput.MaxTitleLength);
        b.Property(p => p.Goal).HasMaxLength(ProjectInput.MaxGoalLength);
        b.Property(p => p.Description).HasMaxLength(ProjectInput.MaxDescriptionLength);
        b.Property(p => p.Zip).HasMaxLength(5);
        b.Property(p => p.City).HasMaxLength(100);
        b.Property(p => p.State).HasMaxLength(2);
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasIndex(p => new { p.Latitude, p.Longitude });
        b.HasIndex(p => new { p.Status, p.CreatedAt });
        b.HasIndex(p => p.GroupId);
        b.HasIndex(p => p.HiddenAt); // the directory's count of visible projects

        b.HasOne(p => p.Founder).WithMany().HasForeignKey(p => p.FounderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Groups.Group>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.Needs).WithOne().HasForeignKey(n => n.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Owners).WithOne().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectOwnerConfiguration : IEntityTypeConfiguration<ProjectOwner>
{
    public void Configure(EntityTypeBuilder<ProjectOwner> b)
    {
        b.ToTable("project_owners");
        b.HasKey(o => new { o.ProjectId, o.MemberId });
        b.HasIndex(o => o.MemberId);
        b.HasOne(o => o.Member).WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OwnerInvitationConfiguration : IEntityTypeConfiguration<OwnerInvitation>
{
    public void Configure(EntityTypeBuilder<OwnerInvitation> b)
    {
        b.ToTable("project_owner_invitations");
        b.HasKey(i => new { i.ProjectId, i.MemberId });
        b.HasIndex(i => i.MemberId);
        b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
