using Grassroots.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Grassroots.Tests.Infrastructure.Data;

public sealed class ConnectionStringTests
{
    [Fact]
    public void PostgreSQL_keeps_repeated_queries_prepared_unless_the_operator_says_otherwise()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=grassroots"));
        Assert.Equal(50, chosen.MaxAutoPrepare);
        Assert.Equal("grassroots", chosen.Database);

        var own = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=db;Database=grassroots;Max Auto Prepare=0"));
        Assert.Equal(0, own.MaxAutoPrepare);
    }

    [Fact]
    public void A_bare_SQLite_path_becomes_a_pooled_connection_string_inside_the_data_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), $"grassroots-cs-{Guid.NewGuid():N}");
        var csb = new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString("sub/movement.db", root));
        Assert.Equal(Path.Combine(root, "sub/movement.db"), csb.DataSource);
        Assert.True(csb.Pooling);
        Assert.True(Directory.Exists(Path.Combine(root, "sub")));
        Assert.Equal(Path.Combine(root, "grassroots.db"), new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(null, root)).DataSource);
        Directory.Delete(root, recursive: true);
    }
}
