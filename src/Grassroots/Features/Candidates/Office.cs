using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Candidates;

/// <summary>Federal offices are endorsed by the whole movement; the others by the members who vote in their district.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfficeLevel>))]
public enum OfficeLevel { Federal = 0, State = 1, Local = 2, Party = 3 }

[JsonConverter(typeof(JsonStringEnumConverter<OfficeKind>))]
public enum OfficeKind
{
    House = 0, Senate = 1, Governor = 2, StateSenate = 3, StateHouse = 4, County = 5, City = 6, School = 7,
    /// <summary>A party's precinct committee officer: one seat per precinct, elected at the primary.</summary>
    PrecinctCommitteeOfficer = 8,
    Other = 9,
}

/// <summary>
/// An office someone can run for, in its district: a state, a code (the House district "07", the legislative
/// district "43", the county "King"), and for a precinct committee officer the precinct. Editable data: the
/// movement's stewards add the offices their recruits run for.
/// </summary>
public sealed class Office
{
    public const int MaxNameLength = 160;
    public const int MaxCodeLength = 40;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public OfficeLevel Level { get; set; }
    public OfficeKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>USPS code of the state.</summary>
    public required string State { get; set; }
    /// <summary>The county, for county, city, school and precinct offices ("King").</summary>
    public string? County { get; set; }
    /// <summary>The district's code: "07" for a House seat, "43" for a legislative district; null for a statewide office.</summary>
    public string? District { get; set; }
    /// <summary>The precinct, for a precinct committee officer ("SEA 37-1234").</summary>
    public string? Precinct { get; set; }
    /// <summary>How many are elected to it (one per precinct for PCOs).</summary>
    public int Seats { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>When candidates file for a kind of office in a state: editable data (offices' deadlines change by law and by year).</summary>
public sealed class FilingWindow
{
    public const int MaxNoteLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string State { get; set; }
    public OfficeKind Kind { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>IANA zone the state's office keeps its hours in.</summary>
    public required string TimeZone { get; set; }
    /// <summary>Where to file and where the dates come from.</summary>
    public string Note { get; set; } = "";
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>, IEntityTypeConfiguration<FilingWindow>
{
    public void Configure(EntityTypeBuilder<Office> b)
    {
        b.ToTable("offices", t => t.HasCheckConstraint("CK_offices_seats", "\"Seats\" > 0"));
        b.Property(o => o.Name).HasMaxLength(Office.MaxNameLength);
        b.Property(o => o.State).HasMaxLength(2);
        b.Property(o => o.County).HasMaxLength(Office.MaxCodeLength);
        b.Property(o => o.District).HasMaxLength(Office.MaxCodeLength);
        b.Property(o => o.Precinct).HasMaxLength(Office.MaxCodeLength);
        b.HasIndex(o => new { o.State, o.Kind, o.County, o.District, o.Precinct }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<FilingWindow> b)
    {
        b.ToTable("filing_windows");
        b.Property(w => w.State).HasMaxLength(2);
        b.Property(w => w.TimeZone).HasMaxLength(64);
        b.Property(w => w.Note).HasMaxLength(FilingWindow.MaxNoteLength);
        b.HasIndex(w => new { w.State, w.Kind, w.OpensAt });
        b.HasIndex(w => w.OpensAt);
    }
}
