using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Convention;

/// <summary>Who may vote in an assembly.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialRule>))]
public enum CredentialRule
{
    /// <summary>Everyone registered: in person once checked in at the venue's door, remotely with a confirmed account.</summary>
    Registered = 0,
    /// <summary>
    /// Only delegates: those their groups name (and who accept) from the published allocation of seats, and those
    /// the credentials committee seats. Each decision is in the public log.
    /// </summary>
    Delegates = 1,
    /// <summary>
    /// Each motion has its own electorate, called by the feature that opens it: the endorsements assembly, where a
    /// candidate's vote is for the members of their district. Nobody registers for it.
    /// </summary>
    Electorate = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<Attendance>))]
public enum Attendance { InPerson = 0, Remote = 1 }

/// <summary>
/// An assembly: The People's Convention, a state convention, a committee meeting. People register to attend in
/// person (at the venue: an event, whose door check-in credentials them) or remotely (the live stream, a
/// confirmed account); chairs open and close votes on motions.
/// </summary>
public sealed class Assembly
{
    public const int MaxNameLength = 140;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxStreamUrlLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>IANA zone the assembly's times are shown in.</summary>
    public required string TimeZone { get; set; }
    /// <summary>The venue: an event of the events capability (its page has the place and map; its door check-in credentials).</summary>
    public Guid? EventId { get; set; }
    /// <summary>The live stream as given (https); the page embeds YouTube and Vimeo and links anything else.</summary>
    public string? StreamUrl { get; set; }
    public CredentialRule CredentialRule { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Motions get numbers 1, 2, 3… in the order they are written.</summary>
    public int MotionCount { get; set; }
    /// <summary>Delegate seats shared among groups by the published allocation (null until one is published).</summary>
    public int? DelegateSeats { get; set; }
    /// <summary>The allocation's threshold: groups with fewer confirmed members get no seat.</summary>
    public int MinimumMembers { get; set; }
    /// <summary>When the allocation was published: its member counts are of that moment.</summary>
    public DateTimeOffset? AllocatedAt { get; set; }
}

/// <summary>One group's line of the published allocation: its confirmed members then, and the seats that gave it.</summary>
public sealed class DelegateAllocation
{
    public Guid AssemblyId { get; set; }
    public Guid GroupId { get; set; }
    public int Members { get; set; }
    public int Seats { get; set; }
}

/// <summary>
/// A delegate a group's organizers named to one of its seats. Nothing is theirs until they accept (consent); a
/// seat is a slot number, unique within the group, so parallel namings can't fill more seats than the group has.
/// </summary>
public sealed class DelegateNomination
{
    public Guid AssemblyId { get; set; }
    public Guid MemberId { get; set; }
    public Guid GroupId { get; set; }
    public int Slot { get; set; }
    public Guid NamedById { get; set; }
    public DateTimeOffset NamedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>The assembly's officers: creators (who name chairs) and chairs (who run the votes). Both sit on the credentials committee.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssemblyRole>))]
public enum AssemblyRole { Chair = 0, Creator = 1 }

/// <summary>An officer, or someone asked to be one: nothing of the role is theirs until they accept.</summary>
public sealed class AssemblyOfficer
{
    public Guid AssemblyId { get; set; }
    public Guid MemberId { get; set; }
    public AssemblyRole Role { get; set; }
    public Guid NamedById { get; set; }
    public DateTimeOffset NamedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

public sealed class AssemblyRegistration
{
    public Guid AssemblyId { get; set; }
    public Guid MemberId { get; set; }
    public Attendance Attendance { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>A credentials committee decision: seat or unseat a member, with the reason, in the public log. The latest decision on a member stands.</summary>
public sealed class CredentialDecision
{
    public const int MaxReasonLength = 500;

    public long Id { get; set; }
    public Guid AssemblyId { get; set; }
    public Guid MemberId { get; set; }
    public bool Seated { get; set; }
    public required string Reason { get; set; }
    public Guid DecidedById { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The assembly's public log: officers named and accepted, credentials decided, votes opened and closed.</summary>
public sealed class AssemblyLogEntry
{
    public const int MaxDetailLength = 1_000;

    public long Id { get; set; }
    public Guid AssemblyId { get; set; }
    public Guid ActorId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public string Detail { get; set; } = "";
}

public sealed class AgendaItem
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssemblyId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
}

internal sealed class AssemblyConfiguration : IEntityTypeConfiguration<Assembly>, IEntityTypeConfiguration<AssemblyOfficer>, IEntityTypeConfiguration<AssemblyRegistration>,
    IEntityTypeConfiguration<CredentialDecision>, IEntityTypeConfiguration<AssemblyLogEntry>, IEntityTypeConfiguration<AgendaItem>,
    IEntityTypeConfiguration<DelegateAllocation>, IEntityTypeConfiguration<DelegateNomination>
{
    public void Configure(EntityTypeBuilder<DelegateAllocation> b)
    {
        b.ToTable("delegate_allocations");
        b.HasKey(x => new { x.AssemblyId, x.GroupId });
        b.HasIndex(x => new { x.AssemblyId, x.Seats });
    }

    public void Configure(EntityTypeBuilder<DelegateNomination> b)
    {
        b.ToTable("delegate_nominations");
        b.HasKey(x => new { x.AssemblyId, x.MemberId });
        b.HasIndex(x => new { x.AssemblyId, x.GroupId, x.Slot }).IsUnique();
        b.HasIndex(x => x.MemberId);
    }

    public void Configure(EntityTypeBuilder<Assembly> b)
    {
        b.ToTable("assemblies");
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => a.StartsAt);
        b.Property(a => a.Slug).HasMaxLength(Assembly.MaxNameLength + 20);
        b.Property(a => a.Name).HasMaxLength(Assembly.MaxNameLength);
        b.Property(a => a.Description).HasMaxLength(Assembly.MaxDescriptionLength);
        b.Property(a => a.TimeZone).HasMaxLength(64);
        b.Property(a => a.StreamUrl).HasMaxLength(Assembly.MaxStreamUrlLength);
        b.Property(a => a.MotionCount).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<AssemblyOfficer> b)
    {
        b.ToTable("assembly_officers");
        b.HasKey(o => new { o.AssemblyId, o.MemberId });
        b.HasIndex(o => o.MemberId);
    }

    public void Configure(EntityTypeBuilder<AssemblyRegistration> b)
    {
        b.ToTable("assembly_registrations");
        b.HasKey(r => new { r.AssemblyId, r.MemberId });
        b.HasIndex(r => r.MemberId);
    }

    public void Configure(EntityTypeBuilder<CredentialDecision> b)
    {
        b.ToTable("credential_decisions");
        b.HasIndex(d => new { d.AssemblyId, d.MemberId, d.Id });
        b.Property(d => d.Reason).HasMaxLength(CredentialDecision.MaxReasonLength);
    }

    public void Configure(EntityTypeBuilder<AssemblyLogEntry> b)
    {
        b.ToTable("assembly_log");
        b.HasIndex(e => new { e.AssemblyId, e.Id });
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Detail).HasMaxLength(AssemblyLogEntry.MaxDetailLength);
    }

    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("agenda_items");
        b.HasIndex(i => new { i.AssemblyId, i.Position });
        b.Property(i => i.Title).HasMaxLength(AgendaItem.MaxTitleLength);
        b.Property(i => i.Description).HasMaxLength(AgendaItem.MaxDescriptionLength);
    }
}
