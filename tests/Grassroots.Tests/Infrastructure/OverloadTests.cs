using Grassroots.Infrastructure.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Tests.Infrastructure;

/// <summary>A database that can't keep up answers 503 with Retry-After (the write was not stored), never a 500 that looks like a bug.</summary>
public sealed class OverloadTests
{
    [Theory]
    [InlineData("57014")] // a statement cancelled by its timeout while it waited its turn
    [InlineData("53300")] // too many connections
    public void Postgres_timeouts_and_full_servers_are_overload(string sqlState) =>
        Assert.True(ProblemExceptionHandler.Overloaded(new DbUpdateException("saving", new PostgresException("busy", "ERROR", "ERROR", sqlState))));

    [Fact]
    public void A_command_timeout_and_a_locked_sqlite_file_are_overload()
    {
        Assert.True(ProblemExceptionHandler.Overloaded(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.True(ProblemExceptionHandler.Overloaded(new InvalidOperationException("outer", new SqliteException("database is locked", 5))));
    }

    [Fact]
    public void Other_database_errors_stay_errors()
    {
        Assert.False(ProblemExceptionHandler.Overloaded(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(ProblemExceptionHandler.Overloaded(new SqliteException("constraint failed", 19)));
        Assert.False(ProblemExceptionHandler.Overloaded(new InvalidOperationException("a bug")));
    }
}
