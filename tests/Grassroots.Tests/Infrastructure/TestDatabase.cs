using Npgsql;

namespace Grassroots.Tests.Infrastructure;

public enum DbKind { Sqlite, Postgres }

/// <summary>
/// A fresh, empty database per test class: a temp SQLite file, or a new database on the
/// throwaway PostgreSQL cluster that scripts/test.sh starts (GRASSROOTS_TEST_PG).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public DbKind Kind { get; }
    public string ConnectionString { get; }
    private readonly string? _pgName;
    private readonly string? _sqlitePath;

    private TestDatabase(DbKind kind, string cs, string? pgName, string? sqlitePath) =>
        (Kind, ConnectionString, _pgName, _sqlitePath) = (kind, cs, pgName, sqlitePath);

    public static TestDatabase Create(DbKind kind)
    {
        if (kind == DbKind.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"grassroots-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(kind, $"Data Source={path}", null, path);
        }
        var server = PostgresServer;
        var name = $"gr_{Guid.NewGuid():N}";
        using (var conn = new NpgsqlConnection(server))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            cmd.ExecuteNonQuery();
        }
        var csb = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 200 };
        return new TestDatabase(kind, csb.ToString(), name, null);
    }

    /// <summary>The cluster's admin connection string; tests that need it fail (never skip) when it is missing.</summary>
    public static string PostgresServer => Environment.GetEnvironmentVariable("GRASSROOTS_TEST_PG") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("PostgreSQL tests need GRASSROOTS_TEST_PG (a connection string to a server). Run scripts/test.sh, which starts a throwaway cluster.");

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
