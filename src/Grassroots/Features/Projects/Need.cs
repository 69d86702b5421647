using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Projects;

[JsonConverter(typeof(JsonStringEnumConverter<NeedKind>))]
public enum NeedKind
{
    /// <summary>People with a skill; the quantity is a head count.</summary>
    People = 0,
    /// <summary>Money; the quantity is a goal in cents (pledges are promises, collected by the Fund later).</summary>
    Money = 1,
    /// <summary>Things: a projector, 200 flyers; the quantity is a count.</summary>
    Thing = 2,
    /// <summary>A place to meet; the quantity is usually 1.</summary>
    Venue = 3,
    /// <summary>Volunteer hours.</summary>
    Hours = 4,
}

/// <summary>
/// What a project asks the crowd for. <see cref="Reserved"/> counts pending and accepted pledges
/// and is raised by a conditional UPDATE, so parallel pledges can never promise more than
/// <see cref="Quantity"/> (unless the owners allow it); <see cref="Filled"/> counts accepted ones
/// and drives the progress bar.
/// </summary>
public sealed class Need
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public NeedKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>For people: the skill sought (a Catalog.Skills key), used for matching.</summary>
    public string? Skill { get; set; }
    public long Quantity { get; set; }
    public long Reserved { get; set; }
    public long Filled { get; set; }
    /// <summary>Owners may welcome more than they asked for (more canvassers never hurt).</summary>
    public bool AllowOverfill { get; set; }
    /// <summary>Pledges are accepted at once, first come first served, instead of waiting for an owner.</summary>
    public bool AutoAccept { get; set; }
    public bool Closed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public long Remaining => Math.Max(0, Quantity - Reserved);
    public int PercentFilled => Quantity == 0 ? 100 : (int)Math.Min(100, Filled * 100 / Quantity);
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ToTable("needs");
        b.Property(n => n.Title).HasMaxLength(ProjectRules.MaxNeedTitleLength);
        b.Property(n => n.Skill).HasMaxLength(40);
        b.Ignore(n => n.Remaining);
        b.Ignore(n => n.PercentFilled);
        // "Projects that need you": open needs by skill.
        b.HasIndex(n => new { n.Closed, n.Skill });
        b.ToTable(t => t.HasCheckConstraint("CK_needs_quantity", "\"Quantity\" > 0"));
    }
}
