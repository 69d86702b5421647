using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// Per-connection settings (WAL is set once, at migration). busy_timeout makes concurrent writers wait
/// for the lock instead of failing, so parallel requests queue rather than error. synchronous is
/// Database:SqliteSynchronous: NORMAL in WAL mode flushes at checkpoints, not at each commit, so a
/// commit survives the process's crash but not an OS crash or power loss; FULL flushes every commit
/// (README, "Durability"). The settings live as long as the native connection, which the pool hands
/// out again and again: they are sent once per native connection, not on every open (EF opens the
/// connection for each query).
/// </summary>
internal sealed class SqlitePragmas(SqliteSynchronous synchronous = SqliteSynchronous.Normal) : DbConnectionInterceptor
{
    private readonly string _sql = $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, handle);
}
