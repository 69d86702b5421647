using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Grassroots.Infrastructure.Data;

/// <summary>The default, embedded database. Migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no native DateTimeOffset; stored as a sortable 64-bit number so that
        // ORDER BY and range comparisons run in SQL rather than in memory.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Used by `dotnet ef migrations add --context SqliteAppDbContext`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db")
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
}
