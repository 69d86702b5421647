namespace Grassroots.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite a file path is enough (a relative one is taken in the data folder); defaults to grassroots.db there.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seed a demo movement into an empty database.</summary>
    public bool SeedDemo { get; set; } = true;

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
}
