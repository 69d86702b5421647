using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// A database the size the issue names (100,000 groups, 1,000,000 members, one membership each),
/// made once through the app's own migrations and kept between runs.
/// </summary>
public static class BenchDatabase
{
    public const int Groups = 100_000;
    public const int Members = 1_000_000;

    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-bench.db");

    /// <summary>GRASSROOTS_BENCH_PG: a server connection string; the bench database is created on it.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("GRASSROOTS_BENCH_PG");

    public static AppDbContext Open(string provider) => Open(provider, SqlitePath, "grassroots_bench");

    /// <summary>A bench database of its own: a SQLite file, or a database of that name on GRASSROOTS_BENCH_PG's server.</summary>
    public static AppDbContext Open(string provider, string sqlitePath, string postgresDatabase)
    {
        if (provider == "Sqlite")
            return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite($"Data Source={sqlitePath};Pooling=true").UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
        var csb = new NpgsqlConnectionStringBuilder(PostgresServer ?? throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG to run the PostgreSQL benchmarks.")) { Database = postgresDatabase };
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(csb.ToString()).UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
    }

    /// <summary>
    /// A load test's own database brought to the app's current schema through its migrations (PostgreSQL: created on
    /// GRASSROOTS_BENCH_PG's server first; SQLite: in WAL mode, as the app leaves it).
    /// </summary>
    public static async Task MigrateAsync(string provider, string postgresDatabase, Func<AppDbContext> open)
    {
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(PostgresServer ?? throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG."));
            await conn.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{postgresDatabase}'", conn);
            if (await exists.ExecuteScalarAsync() is null)
                await new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", conn).ExecuteNonQueryAsync();
        }
        await using var db = open();
        await db.Database.MigrateAsync();
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    public static async Task EnsureAsync(string provider, ZipCodes zips)
    {
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(PostgresServer);
            await conn.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'grassroots_bench'", conn);
            if (await exists.ExecuteScalarAsync() is null)
                await new NpgsqlCommand("CREATE DATABASE grassroots_bench", conn).ExecuteNonQueryAsync();
        }
        await using (var db = Open(provider))
        {
            await db.Database.MigrateAsync();
            if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            if (await db.Groups.CountAsync() >= Groups) return;
        }
        Console.WriteLine($"Seeding {provider}: {Groups:N0} groups, {Members:N0} members …");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(provider, zips);
        Console.WriteLine($"Seeded {provider} in {sw.Elapsed.TotalSeconds:N0} s");
        if (provider == "Postgres")
        {
            await using var db = Open(provider);
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        else
        {
            await using var db = Open(provider);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
    }

    private static readonly string[] Who = ["Millennials", "Nurses", "Teachers", "Students", "Veterans", "Neighbors", "Parents", "Workers", "Coders", "Artists", "Farmers", "Seniors"];
    private static readonly string[] Cause = ["Medicare for All", "Climate Action", "a Living Wage", "Free College", "Fair Trade", "Voting Rights", "Clean Water", "Housing Justice", "Peace", "Labor Rights"];

    private static async Task SeedAsync(string provider, ZipCodes zips)
    {
        var rng = new Random(42);
        var places = zips.All.ToArray();
        var now = DateTimeOffset.UtcNow;
        var groupIds = new Guid[Groups];
        var counts = new int[Groups];
        var joins = new int[Members];
        for (var i = 0; i < Members; i++) counts[joins[i] = rng.Next(Groups)]++;
        const int batch = 5_000;
        await using (var first = Open(provider))
        {
            first.Users.Add(Placeholder(now));
            await first.SaveChangesAsync();
        }
        for (var start = 0; start < Groups; start += batch)
        {
            await using var db = Open(provider);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(Groups, start + batch); i++)
            {
                var p = places[rng.Next(places.Length)];
                var kind = (GroupKind)(i % 3);
                var name = $"{Who[rng.Next(Who.Length)]} for {Cause[rng.Next(Cause.Length)]} {i}";
                var g = new Group
                {
                    Slug = $"g-{i}", Kind = kind, Name = name, NameSkeleton = Grassroots.Infrastructure.Text.Confusables.Skeleton(name), PlaceKey = $"{p.State}/{p.City}".ToLowerInvariant(),
                    Description = $"A volunteer group in {p.City}, {p.State}. We organize for {Cause[i % Cause.Length].ToLowerInvariant()}.",
                    Zip = p.Zip, City = p.City, State = p.State, Latitude = p.Latitude, Longitude = p.Longitude, RadiusMiles = 25,
                    FounderId = FounderId, CreatedAt = now.AddMinutes(-i), MemberCount = counts[i],
                };
                groupIds[i] = g.Id;
                db.Groups.Add(g);
            }
            await db.SaveChangesAsync();
        }
        var memberRng = new Random(7);
        for (var start = 0; start < Members; start += batch)
        {
            await using var db = Open(provider);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(Members, start + batch); i++)
            {
                var p = places[memberRng.Next(places.Length)];
                var email = $"member{i}@bench.invalid";
                var m = new Member
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = "bench", DisplayName = $"Member {i}", Zip = p.Zip, City = p.City, State = p.State,
                    Latitude = p.Latitude, Longitude = p.Longitude, Skills = ["canvassing"], CreatedAt = now,
                };
                db.Users.Add(m);
                db.Memberships.Add(new Membership { GroupId = groupIds[joins[i]], MemberId = m.Id, Role = GroupRole.Member, JoinedAt = now });
            }
            await db.SaveChangesAsync();
            if (start % 100_000 == 0) Console.WriteLine($"  {start:N0} members");
        }
    }

    /// <summary>Every bench group has one founder: the directory query never reads it.</summary>
    public static readonly Guid FounderId = new("00000000-0000-0000-0000-000000000001");

    private static Member Placeholder(DateTimeOffset now) => new()
    {
        Id = FounderId, UserName = "founder@bench.invalid", NormalizedUserName = "FOUNDER@BENCH.INVALID", Email = "founder@bench.invalid",
        NormalizedEmail = "FOUNDER@BENCH.INVALID", SecurityStamp = "bench", DisplayName = "Founder", CreatedAt = now,
    };
}
