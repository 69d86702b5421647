using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure.Data;

/// <summary>
/// What a committed SQLite write survives is the operator's choice (Database:SqliteSynchronous):
/// NORMAL (1) by default in WAL mode, FULL (2) when asked; every pooled connection the app uses has it.
/// </summary>
public sealed class SqliteSynchronousTests
{
    private sealed class SqliteWith(string? synchronous) : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => synchronous is null ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = synchronous };
    }

    [Theory]
    [InlineData(null, 1L)]
    [InlineData("Normal", 1L)]
    [InlineData("Full", 2L)]
    public async Task The_app_commits_with_the_synchronous_level_the_operator_chose(string? setting, long expected)
    {
        await using var app = new SqliteWith(setting);
        await app.InitializeAsync();
        var levels = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync();
        })));
        Assert.All(levels, level => Assert.Equal(expected, level));
        var mode = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database
            .SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync());
        Assert.Equal("wal", mode);
    }
}
