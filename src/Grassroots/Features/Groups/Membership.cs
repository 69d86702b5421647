using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Groups;

[JsonConverter(typeof(JsonStringEnumConverter<GroupRole>))]
public enum GroupRole { Member = 0, Organizer = 1 }

/// <summary>A member's place in a group. One row per member and group (the primary key).</summary>
public sealed class Membership
{
    public Guid GroupId { get; set; }
    public Group? Group { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public GroupRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasKey(m => new { m.GroupId, m.MemberId });
        b.HasIndex(m => new { m.MemberId, m.JoinedAt });
        b.HasIndex(m => new { m.GroupId, m.Role, m.JoinedAt });
        b.HasOne(m => m.Group).WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
