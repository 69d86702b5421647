using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// The one database of the modular monolith. It names no feature: each feature configures its own
/// entities (IEntityTypeConfiguration next to the entity, found by assembly scan) and gives itself
/// its tables from its own folder in a part of this class (Features/Projects/ProjectsData.cs). The provider
/// subclasses only carry their own migrations and type conventions.
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options)
    : IdentityDbContext<Member, IdentityRole<Guid>, Guid>(options)
{
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
