using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// The one database of the modular monolith. Each feature configures its own entities
/// (IEntityTypeConfiguration next to the entity); the provider subclasses only carry
/// their own migrations and type conventions.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<Member, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<GroupMessage> GroupMessages => Set<GroupMessage>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<ModerationCase> ModerationCases => Set<ModerationCase>();
    public DbSet<Juror> Jurors => Set<Juror>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectOwner> ProjectOwners => Set<ProjectOwner>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<ProjectFollower> ProjectFollowers => Set<ProjectFollower>();
    public DbSet<ProjectUpdate> ProjectUpdates => Set<ProjectUpdate>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>True when this context talks to PostgreSQL (some queries differ, e.g. full-text search).</summary>
    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Identity reads its schema version (3: passkeys) from the application's services; the
    /// design-time factories hand it the same services, so migrations match the running app.
    /// </summary>
    internal static IServiceProvider DesignTimeServices() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
