using Grassroots.Features.Convention;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of the convention, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Assembly> Assemblies => Set<Assembly>();
    public DbSet<AssemblyOfficer> AssemblyOfficers => Set<AssemblyOfficer>();
    public DbSet<AssemblyRegistration> AssemblyRegistrations => Set<AssemblyRegistration>();
    public DbSet<CredentialDecision> CredentialDecisions => Set<CredentialDecision>();
    public DbSet<AssemblyLogEntry> AssemblyLog => Set<AssemblyLogEntry>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<DelegateAllocation> DelegateAllocations => Set<DelegateAllocation>();
    public DbSet<DelegateNomination> DelegateNominations => Set<DelegateNomination>();
    public DbSet<Motion> Motions => Set<Motion>();
    public DbSet<MotionOption> MotionOptions => Set<MotionOption>();
    public DbSet<RollEntry> MotionRoll => Set<RollEntry>();
    public DbSet<BoardBallot> BoardBallots => Set<BoardBallot>();
    public DbSet<BallotCast> BallotCasts => Set<BallotCast>();
    public DbSet<BallotKey> BallotKeys => Set<BallotKey>();
}
