using Grassroots.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of groups, declared by the feature that owns them (the context itself names no feature).</summary>
public abstract partial class AppDbContext
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
}
