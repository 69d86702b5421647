using System.Diagnostics;
using System.Text.Json;
using Grassroots.Features.Events;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// Issue 14's event benchmarks, in process, through the feature's own code: EventSearch (upcoming events
/// within 50 miles of a ZIP, page 1 of 20) and EventMap (a viewport holding ~100,000 events) over
/// 1,000,000 events made through the app's migrations; one event by primary key through EF as the baseline.
/// </summary>
public static class EventSearchBench
{
    public const int Events = 1_000_000;
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-events-bench.db");
    private const string PgDatabase = "grassroots_events_bench";
    private static string? PgServer => Environment.GetEnvironmentVariable("GRASSROOTS_BENCH_PG") ?? Environment.GetEnvironmentVariable("GRASSROOTS_TEST_PG");
    public static readonly Guid HostId = new("00000000-0000-0000-0000-0000000000e1");

    private static readonly Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> Localizer = new Microsoft.Extensions.Localization.StringLocalizer<SharedResource>(
        new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

    public static AppDbContext Open(string provider)
    {
        if (provider == "Sqlite")
            return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite($"Data Source={SqlitePath};Pooling=true").AddInterceptors(PartTimer.Instance).UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
        var csb = new NpgsqlConnectionStringBuilder(PgServer ?? throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG (or GRASSROOTS_TEST_PG).")) { Database = PgDatabase };
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(csb.ToString()).AddInterceptors(PartTimer.Instance).UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
    }

    public static async Task EnsureAsync(string provider)
    {
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(PgServer);
            await conn.OpenAsync();
            if (await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PgDatabase}'", conn).ExecuteScalarAsync() is null)
                await new NpgsqlCommand($"CREATE DATABASE {PgDatabase}", conn).ExecuteNonQueryAsync();
        }
        await using (var db = Open(provider))
        {
            await db.Database.MigrateAsync();
            if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            if (await db.Events.CountAsync() >= Events) return;
        }
        Console.Error.WriteLine($"Seeding {provider}: {Events:N0} events …");
        var sw = Stopwatch.StartNew();
        var zips = DirectorySearch.ZipTable.All.ToArray();
        var rng = new Random(14);
        var now = DateTimeOffset.UtcNow;
        var kinds = Enum.GetValues<EventKind>();
        await using (var db = Open(provider))
        {
            db.Users.Add(new Member { Id = HostId, UserName = "host@bench.invalid", NormalizedUserName = "HOST@BENCH.INVALID", Email = "host@bench.invalid",
                NormalizedEmail = "HOST@BENCH.INVALID", SecurityStamp = "bench", DisplayName = "Host", CreatedAt = now });
            await db.SaveChangesAsync();
        }
        if (provider == "Postgres")
        {
            await CopyPostgresAsync(zips, rng, now, kinds);
            await using (var db = Open(provider)) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            Console.Error.WriteLine($"Seeded {provider} (COPY) in {sw.Elapsed.TotalSeconds:N0} s");
            return;
        }
        const int batch = 10_000;
        for (var start = 0; start < Events; start += batch)
        {
            await using var db = Open(provider);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < start + batch; i++)
            {
                var p = zips[rng.Next(zips.Length)];
                // Starts spread over the past 3 months and the next 12, as in the spatial-index benchmark (~80% upcoming).
                var starts = now.AddMinutes(-90 * 24 * 60 + rng.NextDouble() * 455 * 24 * 60);
                var kind = kinds[i % kinds.Length];
                db.Events.Add(new Event
                {
                    Slug = $"bench-{i}", Kind = kind, Title = $"{kind} #{i} in {p.City}", Description = $"A volunteer event in {p.City}, {p.State}.",
                    StartsAt = starts, EndsAt = starts.AddHours(2), TimeZone = "America/New_York", Zip = p.Zip, City = p.City, State = p.State,
                    Latitude = p.Latitude, Longitude = p.Longitude, HostId = HostId, Capacity = 20, Confirmed = i % 21,
                    // 2% cancelled: never listed, but in the index all the same.
                    Status = i % 50 == 7 ? EventStatus.Cancelled : EventStatus.Scheduled,
                    Visibility = EventVisibility.Public, CreatedAt = now, UpdatedAt = now,
                });
            }
            await db.SaveChangesAsync();
            if (start % 100_000 == 0) Console.Error.WriteLine($"  {start:N0} events, {sw.Elapsed.TotalSeconds:N0} s");
        }
        await using (var db = Open(provider))
            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE");
        Console.Error.WriteLine($"Seeded {provider} in {sw.Elapsed.TotalSeconds:N0} s");
    }

    /// <summary>The same rows as the EF seeder, through PostgreSQL's binary COPY (EF took 18 min for SQLite under load; COPY takes about a minute).</summary>
    private static async Task CopyPostgresAsync(Grassroots.Infrastructure.Geo.ZipPlace[] zips, Random rng, DateTimeOffset now, EventKind[] kinds)
    {
        var csb = new NpgsqlConnectionStringBuilder(PgServer) { Database = PgDatabase };
        await using var conn = new NpgsqlConnection(csb.ToString());
        await conn.OpenAsync();
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY events (\"Id\", \"Slug\", \"Kind\", \"Title\", \"Description\", \"DescriptionHtml\", \"StartsAt\", \"EndsAt\", \"TimeZone\", \"Online\", " +
            "\"Zip\", \"City\", \"State\", \"Latitude\", \"Longitude\", \"Cell\", \"Capacity\", \"Waitlist\", \"GuestsAllowed\", \"Visibility\", \"HostId\", " +
            "\"Status\", \"Sequence\", \"Confirmed\", \"Waitlisted\", \"Moderation\", \"CreatedAt\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < Events; i++)
        {
            var p = zips[rng.Next(zips.Length)];
            var starts = now.AddMinutes(-90 * 24 * 60 + rng.NextDouble() * 455 * 24 * 60);
            var kind = kinds[i % kinds.Length];
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlTypes.NpgsqlDbType.Uuid);
            await copy.WriteAsync($"bench-{i}");
            await copy.WriteAsync((int)kind);
            await copy.WriteAsync($"{kind} #{i} in {p.City}");
            await copy.WriteAsync($"A volunteer event in {p.City}, {p.State}.");
            await copy.WriteAsync("");
            await copy.WriteAsync(starts.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(starts.AddHours(2).UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("America/New_York");
            await copy.WriteAsync(false);
            await copy.WriteAsync(p.Zip);
            await copy.WriteAsync(p.City);
            await copy.WriteAsync(p.State);
            await copy.WriteAsync(p.Latitude);
            await copy.WriteAsync(p.Longitude);
            await copy.WriteAsync(Grassroots.Infrastructure.Geo.GridCells.Of(p.Latitude, p.Longitude));
            await copy.WriteAsync(20);
            await copy.WriteAsync(true);
            await copy.WriteAsync(0);
            await copy.WriteAsync((int)EventVisibility.Public);
            await copy.WriteAsync(HostId, NpgsqlTypes.NpgsqlDbType.Uuid);
            await copy.WriteAsync(i % 50 == 7 ? (int)EventStatus.Cancelled : (int)EventStatus.Scheduled);
            await copy.WriteAsync(0);
            await copy.WriteAsync(i % 21);
            await copy.WriteAsync(0);
            await copy.WriteAsync(0);
            await copy.WriteAsync(now.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }

    /// <summary>
    /// The by-time search (50 mi, page 1 of 20) statement by statement: each SQL statement it sends, timed from
    /// execute to the reader's close, p50/p99 over the runs, with the whole call for comparison.
    /// </summary>
    public static async Task PartsAsync(string provider, int iterations, string miles, TextWriter report)
    {
        await EnsureAsync(provider);
        await using var db = Open(provider);
        // As the app has it: an unfiltered list that goes on past its page takes its "about N" from the map's counts.
        var search = new EventSearch(db, DirectorySearch.ZipTable, TimeProvider.System, Localizer, Counts(provider, 30));
        var zips = DirectorySearch.Zips;
        var parts = new List<List<(string Sql, double Ms)>>();
        var whole = new List<double>();
        for (var i = -100; i < iterations; i++) // 100 warm-up runs
        {
            var rec = new List<(string Sql, double Ms)>();
            PartTimer.Instance.Recording = rec;
            var t = Stopwatch.GetTimestamp();
            await search.SearchAsync(new EventQuery { Zip = zips[(i + 100) % zips.Length], Miles = miles }, default);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            PartTimer.Instance.Recording = null;
            if (i < 0) continue;
            whole.Add(ms);
            parts.Add(rec);
        }
        static string P(List<double> xs) { xs.Sort(); return $"{xs[xs.Count / 2]:F2} | {xs[(int)(xs.Count * 0.99)]:F2}"; }
        report.WriteLine($"| {provider}, within {miles} mi, by time, page 1 of 20 | p50 ms | p99 ms | statement (start) |");
        report.WriteLine("|---|---:|---:|---|");
        var n = parts.Max(p => p.Count);
        for (var k = 0; k < n; k++)
        {
            var xs = parts.Where(p => p.Count > k).Select(p => p[k].Ms).ToList();
            var sql = parts.First(p => p.Count > k)[k].Sql.ReplaceLineEndings(" ");
            report.WriteLine($"| statement {k + 1} ({xs.Count} of {parts.Count} runs, {sql.Length:N0} chars) | {P(xs)} | `{sql[..Math.Min(90, sql.Length)]}…` |");
        }
        report.WriteLine($"| the whole SearchAsync call | {P(whole)} | |");
    }

    // The map's in-memory counts as the app has them (a singleton refreshed in the background), and one that counts on every call.
    public static EventMapCounts Counts(string provider, int seconds)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<AppDbContext>(services, _ => Open(provider));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, DirectorySearch.ZipTable);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, TimeProvider.System);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, Localizer);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<EventSearch>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<EventMapCounts>(services);
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<EventMapOptions>(services, o => o.MapCountsSeconds = seconds);
        return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<EventMapCounts>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));
    }

    public static async Task RunAsync(string provider, int iterations, TextWriter report, string? only = null)
    {
        await EnsureAsync(provider);
        await using var db = Open(provider);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var l = Localizer;
        var mapCounts = Counts(provider, 30);
        var search = new EventSearch(db, DirectorySearch.ZipTable, TimeProvider.System, l, mapCounts);
        var map = new EventMap(search, mapCounts, TimeProvider.System, l);
        var recount = Counts(provider, 0);
        var ids = await db.Events.OrderBy(e => e.Id).Select(e => e.Id).Take(5000).ToArrayAsync();
        var rng = new Random(1);
        var zips = DirectorySearch.Zips;
        var z = 0;
        string Next() => zips[z++ % zips.Length];
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());

        // The viewport: the Northeast, sized so it holds ~100,000 listed events (printed below).
        var view = new MapQuery { South = "38.9", West = "-80.5", North = "42.6", East = "-71.0", Zoom = "6" };
        var whole = new MapQuery { South = "24", West = "-125", North = "50", East = "-66", Zoom = "4" };
        var cases = new (string Name, Func<Task<int>> Run)[]
        {
            ("event by primary key, EF (baseline)", async () => { var id = ids[rng.Next(ids.Length)]; return (await db.Events.Where(e => e.Id == id).Select(e => e.Title).FirstAsync()).Length; }),
            ("EventSearch: within 50 mi, by time, page 1 of 20 (with its total: exact when the list ends, else about N from the map's counts)", async () => (await search.SearchAsync(new EventQuery { Zip = Next(), Miles = "50" }, default)).Page!.Items.Count),
            ("EventSearch: within 50 mi, by time, page 1 of 20, kind = HouseParty (filtered: counted in SQL)", async () => (await search.SearchAsync(new EventQuery { Zip = Next(), Miles = "50", Kind = "HouseParty" }, default)).Page!.Items.Count),
            ("EventSearch: within 50 mi, by distance, page 1 of 20", async () => (await search.SearchAsync(new EventQuery { Zip = Next(), Miles = "50", Sort = "distance" }, default)).Page!.Items.Count),
            ("EventSearch: within 25 mi, by time, page 1 of 20", async () => (await search.SearchAsync(new EventQuery { Zip = Next(), Miles = "25" }, default)).Page!.Items.Count),
            ("EventMap: the Northeast viewport (zoom 6), from the in-memory counts (≤ 30 s old)", async () => (await map.ReadAsync(view, new EventQuery(), default)).Data!.Total),
            ("EventMap: the lower 48 (zoom 4), from the in-memory counts", async () => (await map.ReadAsync(whole, new EventQuery(), default)).Data!.Total),
            ("EventMap: the Northeast viewport (zoom 6), counted in SQL (as any filtered view is)", async () => (await map.ReadAsync(view, new EventQuery(), default, fromCounts: false)).Data!.Total),
            ("EventMapCounts: one count of every listed upcoming event (the background refresh)", async () => (await recount.PointsAsync(default)).Length),
        };
        var inView = (await map.ReadAsync(view, new EventQuery(), default)).Data!;
        var us = (await map.ReadAsync(whole, new EventQuery(), default)).Data!;
        var listed = await search.SearchAsync(new EventQuery { Zip = "10027", Miles = "50" }, default);
        report.WriteLine($"- {provider}: {await db.Events.CountAsync():N0} events; the Northeast viewport holds {inView.Total:N0} listed events in {inView.Clusters.Count} clusters, " +
            $"{JsonSerializer.SerializeToUtf8Bytes(inView, json).Length:N0} bytes of JSON; the lower 48 hold {us.Total:N0} in {us.Clusters.Count} clusters, {JsonSerializer.SerializeToUtf8Bytes(us, json).Length:N0} bytes; " +
            $"10027 within 50 mi: total {listed.Page!.Total:N0} (capped at {EventSearch.MaxListed:N0})");

        var results = new List<(string Name, double P50, double P99, int Runs)>();
        foreach (var (name, run) in cases)
        {
            if (only is not null && results.Count > 0 && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue; // the baseline always runs
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(2)) await run(); // at least one run
            var times = new List<double>();
            var limit = Stopwatch.StartNew();
            for (var i = 0; i < iterations && limit.Elapsed < TimeSpan.FromSeconds(i < 20 ? 60 : 15); i++)
            {
                var t = Stopwatch.GetTimestamp();
                await run();
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            times.Sort();
            results.Add((name, times[times.Count / 2], times[(int)(times.Count * 0.99)], times.Count));
            Console.Error.WriteLine($"  {name}: p50 {times[times.Count / 2]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms, {times.Count} runs");
        }
        var baseline = results[0].P50;
        report.WriteLine();
        report.WriteLine($"| {provider} | p50 ms | p99 ms | runs | p50 ÷ PK p50 |");
        report.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
            report.WriteLine($"| {r.Name} | {r.P50:F2} | {r.P99:F2} | {r.Runs:N0} | {r.P50 / baseline:F0}× |");
    }
}
