using Grassroots.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of the permission machine, declared by the feature that owns them (the context itself names no feature).</summary>
public abstract partial class AppDbContext
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectOwner> ProjectOwners => Set<ProjectOwner>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<ProjectFollower> ProjectFollowers => Set<ProjectFollower>();
    public DbSet<ProjectUpdate> ProjectUpdates => Set<ProjectUpdate>();
    public DbSet<OwnerInvitation> OwnerInvitations => Set<OwnerInvitation>();
    public DbSet<MergeProposal> MergeProposals => Set<MergeProposal>();
}
