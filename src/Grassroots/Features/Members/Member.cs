using Grassroots.Features.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Members;

/// <summary>
/// A person with an account. Identity owns the credentials; the profile is what the movement sees,
/// and by default only the first name and the city are public.
/// </summary>
public sealed class Member : IdentityUser<Guid>, Grassroots.Infrastructure.Geo.IPlaced
{
    public Member()
    {
        Id = Guid.CreateVersion7();
        // A default for members made outside a use case (tests, the demo seed); the use cases set it from their clock.
        CreatedAt = TimeProvider.System.GetUtcNow();
    }

    public string DisplayName { get; set; } = "";
    public string? Zip { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public List<string> Skills { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<string> Issues { get; set; } = [];
    public List<string> Availability { get; set; } = [];
    public string? Bio { get; set; }

    // What others may see beyond the first name and the city.
    public bool ShowFullName { get; set; }
    public bool ShowSkills { get; set; }
    public bool ShowIssues { get; set; }
    /// <summary>Agrees to be asked for help by project owners (through the platform, never by address).</summary>
    public bool OpenToAsks { get; set; }

    /// <summary>"en" or "es"; null follows the browser.</summary>
    public string? Culture { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the address was first proven (null for accounts confirmed before this was kept: their <see cref="CreatedAt"/> stands in).
    /// An account's age counts from here: one registered long ago and confirmed today is new.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>When the member last signed in (any way): juries are drawn among members who can act.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>Set when the account is deleted: personal data is erased, the row stays so contributions stay anonymous.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>Set while a community jury reviews the profile (enough members flagged it): it is left out of matching.</summary>
    public DateTimeOffset? HiddenAt { get; set; }
    /// <summary>Under review or removed by a jury: the public profile is a notice (its owner still sees it).</summary>
    public ContentModeration Moderation { get; set; }


    /// <summary>The name others see, respecting the member's choice.</summary>
    public string PublicName => MemberNames.Public(DisplayName, ShowFullName, DeletedAt, Moderation);

    /// <summary>The name shown for an erased account (pages translate it with <see cref="MemberNames.Show"/>).</summary>
    public const string FormerMemberName = "Former member";

    /// <summary>The name shown for a member whose profile a jury removed (pages translate it with <see cref="MemberNames.Show"/>).</summary>
    public const string RemovedProfileName = "Member (profile removed by a jury)";
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.DisplayName).HasMaxLength(Profile.MaxNameLength);
        b.Property(m => m.Zip).HasMaxLength(5);
        b.Property(m => m.City).HasMaxLength(100);
        b.Property(m => m.State).HasMaxLength(2);
        b.Property(m => m.Bio).HasMaxLength(Profile.MaxBioLength);
        b.Property(m => m.Culture).HasMaxLength(10);
        b.HasIndex(m => new { m.Latitude, m.Longitude });
        // Drawing a jury picks at random among members who can act (confirmed, signed in lately) by
        // reading only this index: equality on the first two, a range on the third (see bench/results).
        b.HasIndex(m => new { m.DeletedAt, m.EmailConfirmed, m.LastSignInAt, m.Id });
    }
}
