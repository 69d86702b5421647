using Grassroots.Infrastructure.Geo;
using Grassroots.Features.Moderation;
using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Groups;

[JsonConverter(typeof(JsonStringEnumConverter<GroupKind>))]
public enum GroupKind
{
    /// <summary>"Millennials for …", "Nurses for …": people who share who they are.</summary>
    Constituency = 0,
    /// <summary>A place and a radius: the Philadelphia chapter.</summary>
    Chapter = 1,
    /// <summary>People who share a cause: climate, student debt.</summary>
    Issue = 2,
}

/// <summary>A self-started group. Anyone may found one, at once; its founder is its first organizer.</summary>
public sealed class Group : Grassroots.Infrastructure.Geo.IGridPlaced
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public GroupKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>
    /// The name's look-alike skeleton (<see cref="Infrastructure.Text.Confusables"/>): unique together with kind and place, so
    /// "Millennials for Bernie" with a Cyrillic "е" is the same name. Null only for groups founded before it
    /// existed, until <see cref="GroupNameSkeletons"/> fills it at start.
    /// </summary>
    public string? NameSkeleton { get; set; }
    /// <summary>"us" when nationwide, else "STATE/city" in lower case.</summary>
    public required string PlaceKey { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    public string? Zip { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public double? Latitude { get => _latitude; set { _latitude = value; Cell = GridCells.Of(_latitude, _longitude); } }
    public double? Longitude { get => _longitude; set { _longitude = value; Cell = GridCells.Of(_latitude, _longitude); } }
    private double? _latitude, _longitude;
    /// <summary>The grid cell of the point (<see cref="GridCells"/>): the spatial index the directory and events share.</summary>
    public int? Cell { get; set; }
    /// <summary>For chapters: the area they organize, in miles.</summary>
    public int? RadiusMiles { get; set; }
    public Guid FounderId { get; set; }
    public Member? Founder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Kept in step with Memberships in the same transaction; the directory sorts by it.</summary>
    public int MemberCount { get; set; }

    /// <summary>Set while a community jury reviews the group (or after it removed it): out of the directory.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
    /// <summary>Under review or removed by a jury: frozen, and shown as a notice to all but its organizers (and jurors).</summary>
    public ContentModeration Moderation { get; set; }

    public bool IsNationwide => Latitude is null;
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.ToTable("groups");
        b.Property(g => g.Slug).HasMaxLength(120);
        b.Property(g => g.Name).HasMaxLength(GroupRules.MaxNameLength);
        b.Property(g => g.NameSkeleton).HasMaxLength(GroupRules.MaxNameLength * 4); // one letter may stand for several ("m" → "rn")
        b.Property(g => g.PlaceKey).HasMaxLength(120);
        b.Property(g => g.Description).HasMaxLength(GroupRules.MaxDescriptionLength);
        b.Property(g => g.Zip).HasMaxLength(5);
        b.Property(g => g.City).HasMaxLength(100);
        b.Property(g => g.State).HasMaxLength(2);
        b.HasIndex(g => g.Slug).IsUnique();
        b.HasIndex(g => new { g.Kind, g.PlaceKey, g.NameSkeleton }).IsUnique();
        // The directory's "near me" search: a range on latitude, then longitude, from this index.
        b.HasIndex(g => g.Cell);
        b.HasIndex(g => g.MemberCount);
        // Counting the visible groups for the directory reads this small index, not every row (25 ms → 3 ms at 100,000).
        b.HasIndex(g => g.HiddenAt);
        b.HasOne(g => g.Founder).WithMany().HasForeignKey(g => g.FounderId).OnDelete(DeleteBehavior.Restrict);
    }
}
