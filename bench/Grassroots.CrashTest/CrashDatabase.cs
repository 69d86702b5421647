using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.CrashTest;

/// <summary>
/// A fresh database for one run: a SQLite file in the run's data folder, or a new database on the
/// PostgreSQL server named by GRASSROOTS_BENCH_PG (dropped afterwards). The app makes the schema
/// through its own migrations; this side only reads, through the app's own model.
/// </summary>
public sealed class CrashDatabase : IAsyncDisposable
{
    private readonly string? _server;
    public string Provider { get; }
    /// <summary>Environment variables that point the app at this database.</summary>
    public Dictionary<string, string> AppSettings { get; } = [];
    private readonly string _connectionString;
    private readonly string? _name;

    private CrashDatabase(string provider, string dataFolder)
    {
        Provider = provider;
        if (provider == "Postgres")
        {
            _server = Environment.GetEnvironmentVariable("GRASSROOTS_BENCH_PG") is { Length: > 0 } pg ? pg
                : throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG to a PostgreSQL server connection string (bench/crash.sh starts a throwaway cluster).");
            _name = $"grassroots_crash_{Guid.NewGuid():N}";
            _connectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name, Pooling = false }.ToString();
            AppSettings["Database__Provider"] = "Postgres";
            AppSettings["Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();
        }
        else
        {
            var file = Path.Combine(dataFolder, "grassroots.db");
            _connectionString = $"Data Source={file};Pooling=false";
            AppSettings["Database__Provider"] = "Sqlite";
        }
    }

    public static async Task<CrashDatabase> CreateAsync(string provider, string dataFolder)
    {
        var db = new CrashDatabase(provider, dataFolder);
        if (db._name is not null)
        {
            await using var conn = new NpgsqlConnection(db._server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {db._name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return db;
    }

    public AppDbContext Open() => Provider == "Postgres"
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_connectionString)
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connectionString)
            .UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);

    public async ValueTask DisposeAsync()
    {
        if (_name is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
