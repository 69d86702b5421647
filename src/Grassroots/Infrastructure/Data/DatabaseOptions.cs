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

    /// <summary>
    /// SQLite only: when a commit reaches the disk. Normal (WAL): a commit survives the app's crash
    /// but the last ones may be lost to an OS crash or power loss; Full: each commit is flushed first.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Seed a demo movement into an empty database.</summary>
    public bool SeedDemo { get; set; } = true;

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public enum SqliteSynchronous { Normal, Full }
