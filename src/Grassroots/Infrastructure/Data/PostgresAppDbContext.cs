using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Grassroots.Infrastructure.Data;

/// <summary>The scaled database. Migrations live in Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override bool IsPostgres => true;
}

/// <summary>Used by `dotnet ef migrations add --context PostgresAppDbContext` (no server needed).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design")
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
}
