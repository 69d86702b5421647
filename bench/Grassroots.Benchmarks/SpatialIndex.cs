using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grassroots.Infrastructure.Geo;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Grassroots.Benchmarks;

/// <summary>
/// Which spatial index events and the group directory should share: 1,000,000 synthetic events in
/// bench tables of their own (not the app's schema), one table (SQLite: one database file) per
/// candidate index, and p50/p99 of "upcoming events within 50 miles of a ZIP, page 1 of 20" by start
/// time and by distance, and of the count within the radius, each against a primary-key lookup
/// through the same connection. Every candidate filters by the exact great-circle distance (haversine,
/// the same SQL expression everywhere) and is checked against a brute-force scan before it is timed.
/// </summary>
public static class SpatialIndex
{
    public const int Events = 1_000_000;
    public const double Radius = 50;
    public const int PageSize = 20;
    /// <summary>Grid cells of 0.5° × 0.5° (~35 × 26 miles at 40° N): a 50-mile circle covers ~20 of them.</summary>
    public const double CellDegrees = 0.5;
    /// <summary>The distance page first looks this far, then doubles the radius until it has a page (or reaches 50 miles).</summary>
    private static readonly double[] Rings = [6.25, 12.5, 25, 50];

    private const double R = GeoMath.EarthRadiusMiles;
    private const double EarthMeters = 6378168; // earthdistance's earth() radius

    public static string Folder => Path.Combine(Path.GetTempPath(), "grassroots-spatial");
    private const string PgDatabase = "grassroots_spatial";

    public static async Task RunAsync(string provider, int iterations, double maxSeconds, TextWriter report)
    {
        Directory.CreateDirectory(Folder);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var seed = await EnsureSeededAsync(provider);
        var candidates = provider == "Sqlite" ? await OpenSqliteAsync() : await OpenPostgresAsync();
        try
        {
            var places = DirectorySearch.Zips.Select(z => DirectorySearch.ZipTable.Find(z)!).ToArray();
            var origins = places.Select(p => Origin.Around(p, Radius)).ToArray();
            var rings = places.Select(p => Rings.Select(r => Origin.Around(p, r)).ToArray()).ToArray();

            // Correctness first: the 20 timed ZIPs and 10 random ones against a scan with no spatial index.
            var rng = new Random(5);
            var all = DirectorySearch.ZipTable.All.OrderBy(p => p.Zip, StringComparer.Ordinal).ToArray();
            var sample = places.Concat(Enumerable.Range(0, 10).Select(_ => all[rng.Next(all.Length)])).ToArray();
            var brute = candidates[0];
            var mismatches = new Dictionary<string, int>();
            var failed = new Dictionary<string, string>();
            var inCircle = new List<long>();
            Console.Error.WriteLine($"Verifying {candidates.Count - 1} candidates on {sample.Length} ZIPs against a full scan …");
            foreach (var p in sample)
            {
                var o = Origin.Around(p, Radius);
                var truth = await brute.BruteForceAsync(o, nowMs);
                if (places.Contains(p)) inCircle.Add(truth.Count);
                var byTime = truth.OrderBy(t => t.Starts).ThenBy(t => t.Id).Take(PageSize).Select(t => t.Id).ToList();
                var byDistance = truth.OrderBy(t => t.A).ThenBy(t => t.Id).Take(PageSize).Select(t => t.Id).ToList();
                var ringOrigins = Rings.Select(r => Origin.Around(p, r)).ToArray();
                foreach (var c in candidates.Skip(1))
                {
                    if (failed.ContainsKey(c.Name)) continue;
                    void Check(string what, bool ok)
                    {
                        if (ok) return;
                        mismatches[$"{c.Name}: {what}"] = mismatches.GetValueOrDefault($"{c.Name}: {what}") + 1;
                        Console.Error.WriteLine($"  MISMATCH {c.Name} {what} at {p.Zip}");
                    }
                    try
                    {
                        Check("by time", (await c.TimePageAsync(o, nowMs)).SequenceEqual(byTime));
                        Check("by distance", (await c.DistancePageAsync(o, nowMs)).SequenceEqual(byDistance));
                        Check("by distance, growing radius", (await c.DistanceGrowingAsync(ringOrigins, nowMs)).SequenceEqual(byDistance));
                        Check("count", await c.CountAsync(o, nowMs) == truth.Count);
                    }
                    catch (Exception ex)
                    {
                        // One candidate that cannot run (an untranslatable LINQ query, a missing operator) must not stop the others.
                        failed[c.Name] = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
                        Console.Error.WriteLine($"  FAILED {c.Name}: {ex}");
                    }
                }
            }

            var n = 0;
            var ids = Enumerable.Range(0, 5000).Select(_ => 1 + (long)rng.Next(Events)).ToArray();
            var rows = new List<Row>();
            foreach (var c in candidates.Skip(1).Where(c => !failed.ContainsKey(c.Name)))
            {
                Console.Error.WriteLine($"Timing {c.Name} …");
                try
                {
                    var baseline = await TimeAsync(async () => await c.ByIdAsync(ids[n++ % ids.Length]), iterations, maxSeconds);
                    void Add(string query, Timing t)
                    {
                        rows.Add(new Row(c, query, t, baseline));
                        Console.Error.WriteLine($"  {query}: p50 {t.P50:F3} ms, p99 {t.P99:F3} ms, {t.Runs} runs, PK p50 {baseline.P50:F3} ms");
                    }
                    Add("primary key (baseline)", baseline);
                    Add("upcoming by time, page 1", await TimeAsync(async () => (await c.TimePageAsync(origins[n++ % origins.Length], nowMs)).Count, iterations, maxSeconds));
                    Add("upcoming by distance, page 1 (one pass)", await TimeAsync(async () => (await c.DistancePageAsync(origins[n++ % origins.Length], nowMs)).Count, iterations, maxSeconds));
                    Add("upcoming by distance, page 1 (growing radius)", await TimeAsync(async () => (await c.DistanceGrowingAsync(rings[n++ % rings.Length], nowMs)).Count, iterations, maxSeconds));
                    Add("count upcoming within 50 mi", await TimeAsync(async () => (int)await c.CountAsync(origins[n++ % origins.Length], nowMs), iterations, maxSeconds));
                }
                catch (Exception ex)
                {
                    failed[c.Name] = "while timing: " + ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
                    Console.Error.WriteLine($"  FAILED {c.Name}: {ex}");
                }
            }

            var plans = new StringBuilder();
            foreach (var c in candidates.Skip(1).Where(c => !failed.ContainsKey(c.Name)))
            {
                try { plans.AppendLine(await c.ExplainAsync(Origin.Around(DirectorySearch.ZipTable.Find("10027")!, Radius), nowMs)); }
                catch (Exception ex) { plans.AppendLine($"-- {c.Name}: {ex.Message}"); }
            }
            await File.WriteAllTextAsync(Path.Combine(Folder, $"plans-{provider}.txt"), plans.ToString());

            var sizes = new Dictionary<string, string>();
            foreach (var c in candidates) sizes[c.Name] = await c.SizeAsync();

            report.WriteLine($"## {provider}: {Events:N0} events, {Radius} miles, page of {PageSize}, rotating over {DirectorySearch.Zips.Length} ZIPs");
            report.WriteLine();
            report.WriteLine(await EngineAsync(provider));
            report.WriteLine();
            report.WriteLine($"Upcoming events in the 50-mile circle of the timed ZIPs: min {inCircle.Min():N0}, median {inCircle.Order().ElementAt(inCircle.Count / 2):N0}, max {inCircle.Max():N0}. " +
                             $"Verification on {sample.Length} ZIPs (the 20 timed and 10 random): " +
                             (mismatches.Count == 0 ? "every candidate returned the same ids, in the same order, and the same counts as the full scan." : "MISMATCHES " + string.Join(", ", mismatches.Select(m => $"{m.Key} ×{m.Value}"))) +
                             string.Concat(failed.Select(f => $" Could not run {f.Key}: {f.Value}.")));
            report.WriteLine();
            report.WriteLine("| index | query | p50 ms | p99 ms | mean ms | runs | p50 ÷ PK p50 | PK p50 ÷ p50 |");
            report.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in rows)
                report.WriteLine($"| {r.C.Name} | {r.Query} | {r.T.P50:F3} | {r.T.P99:F3} | {r.T.Mean:F3} | {r.T.Runs:N0} | {r.T.P50 / r.Baseline.P50:F1}× | {r.Baseline.P50 / r.T.P50:F3} |");
            report.WriteLine();
            report.WriteLine("| index | what it is | insert 1,000,000 rows (index in place) | µs/row | size |");
            report.WriteLine("|---|---|---:|---:|---|");
            foreach (var c in candidates)
            {
                var insert = seed.Seconds.TryGetValue(c.Name, out var s) ? $"{s:F1} s | {s * 1e6 / Events:F1}" : "— | —";
                report.WriteLine($"| {c.Name} | {c.Description} | {insert} | {sizes[c.Name]} |");
            }
        }
        finally
        {
            foreach (var c in candidates) await c.DisposeAsync();
        }
    }

    /// <summary>The engine's version and, for SQLite, whether the bundled build has the R*Tree module and math functions.</summary>
    private static async Task<string> EngineAsync(string provider)
    {
        if (provider == "Sqlite")
        {
            await using var conn = OpenSqlite("base");
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT sqlite_version(), (SELECT group_concat(compile_options, ', ') FROM pragma_compile_options WHERE compile_options LIKE '%RTREE%' OR compile_options LIKE '%MATH%' OR compile_options LIKE '%GEOPOLY%')";
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            return $"Engine: SQLite {r.GetString(0)} (the e_sqlite3 bundled with Microsoft.Data.Sqlite), compiled with {r.GetString(1)}.";
        }
        await using var pg = new NpgsqlConnection(PgConnectionString);
        await pg.OpenAsync();
        await using var v = new NpgsqlCommand("SELECT version() || '; shared_buffers ' || current_setting('shared_buffers') || ', work_mem ' || current_setting('work_mem')", pg);
        return $"Engine: {await v.ExecuteScalarAsync()}.";
    }

    private sealed record Row(Candidate C, string Query, Timing T, Timing Baseline);
    public sealed record Timing(double P50, double P99, double Mean, int Runs);

    /// <summary>Warm up (tiered JIT, caches), then up to <paramref name="iterations"/> runs or <paramref name="maxSeconds"/>, at least 200 runs.</summary>
    private static async Task<Timing> TimeAsync(Func<Task<int>> run, int iterations, double maxSeconds)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(1.5)) await run();
        var times = new List<double>(iterations);
        var total = Stopwatch.StartNew();
        while (times.Count < iterations && (times.Count < 200 || total.Elapsed.TotalSeconds < maxSeconds))
        {
            var t = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        times.Sort();
        return new Timing(times[times.Count / 2], times[(int)(times.Count * 0.99)], times.Average(), times.Count);
    }

    // ---------------------------------------------------------------- geometry

    public static int Cell(double lat, double lng) =>
        (int)Math.Floor((lat + 90) / CellDegrees) * 1000 + (int)Math.Floor((lng + 180) / CellDegrees);

    /// <summary>Everything a query near one ZIP needs, computed once per ZIP and radius.</summary>
    public sealed class Origin
    {
        public required ZipPlace Place { get; init; }
        public double Miles { get; init; }
        public double Lat => Place.Latitude;
        public double Lng => Place.Longitude;
        public double Cos0 { get; init; }
        /// <summary>The haversine "a" of the radius: a row is within it exactly when its own "a" is ≤ this.</summary>
        public double AMax { get; init; }
        public BoundingBox Box { get; init; }
        /// <summary>Cells wholly inside the circle (no distance test needed) and cells the circle's edge crosses.</summary>
        public int[] Inner { get; init; } = [];
        public int[] Edge { get; init; } = [];
        public int[] Cells => [.. Inner, .. Edge];

        public static Origin Around(ZipPlace p, double miles)
        {
            var box = GeoMath.Around(p.Latitude, p.Longitude, miles);
            var s = Math.Sin(miles / (2 * R));
            var inner = new List<int>();
            var edge = new List<int>();
            for (var row = (int)Math.Floor((box.MinLat + 90) / CellDegrees); row <= (int)Math.Floor((box.MaxLat + 90) / CellDegrees); row++)
            for (var col = (int)Math.Floor((box.MinLng + 180) / CellDegrees); col <= (int)Math.Floor((box.MaxLng + 180) / CellDegrees); col++)
            {
                var (lat0, lat1) = (row * CellDegrees - 90, (row + 1) * CellDegrees - 90);
                var (lng0, lng1) = (col * CellDegrees - 180, (col + 1) * CellDegrees - 180);
                // Nearest point of the cell (clamped; on a sphere the true nearest point of a side can sit a
                // hair away, hence the half-mile margin) and farthest point (always a corner).
                var near = GeoMath.Miles(p.Latitude, p.Longitude, Math.Clamp(p.Latitude, lat0, lat1), Math.Clamp(p.Longitude, lng0, lng1));
                if (near > miles + 0.5) continue;
                var far = new[] { (lat0, lng0), (lat0, lng1), (lat1, lng0), (lat1, lng1) }.Max(c => GeoMath.Miles(p.Latitude, p.Longitude, c.Item1, c.Item2));
                (far < miles - 0.5 ? inner : edge).Add(row * 1000 + col);
            }
            return new Origin { Place = p, Miles = miles, Cos0 = Math.Cos(p.Latitude * Math.PI / 180), AMax = s * s, Box = box, Inner = [.. inner], Edge = [.. edge] };
        }
    }

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Haversine "a" of a row from @lat0/@lng0: monotone in the great-circle distance, so "a ≤ @amax" is
    /// the exact radius test and "ORDER BY a" the exact distance order. The same text on every table.
    /// </summary>
    public static string A(string lat, string lng) =>
        $"(power(sin(({lat} - @lat0) * {F(Math.PI / 360)}), 2) + @cos0 * cos({lat} * {F(Math.PI / 180)}) * power(sin(({lng} - @lng0) * {F(Math.PI / 360)}), 2))";

    // ---------------------------------------------------------------- data

    private sealed class SeedInfo
    {
        public long NowMs { get; set; }
        public Dictionary<string, double> Seconds { get; set; } = [];
    }

    private static string SeedFile(string provider) => Path.Combine(Folder, $"seed-{provider}.json");

    /// <summary>
    /// 1,000,000 events: starts spread evenly over the past 3 months and the next 12, places drawn like
    /// the directory's seeding (a uniformly random ZIP centroid, so density follows ZIP density, which
    /// follows population). Ids 1…1,000,000 in insertion order, the same rows in every table.
    /// </summary>
    private sealed class EventRows
    {
        public long[] StartMs = new long[Events];
        public double[] Lat = new double[Events];
        public double[] Lng = new double[Events];

        public EventRows(long nowMs)
        {
            var places = DirectorySearch.ZipTable.All.OrderBy(p => p.Zip, StringComparer.Ordinal).ToArray();
            var rng = new Random(42);
            const long day = 86_400_000;
            for (var i = 0; i < Events; i++)
            {
                var p = places[rng.Next(places.Length)];
                StartMs[i] = nowMs - 92 * day + rng.NextInt64(92 * day + 365 * day);
                Lat[i] = p.Latitude;
                Lng[i] = p.Longitude;
            }
        }
    }

    private static async Task<SeedInfo> EnsureSeededAsync(string provider)
    {
        if (File.Exists(SeedFile(provider)))
            return JsonSerializer.Deserialize<SeedInfo>(await File.ReadAllTextAsync(SeedFile(provider)))!;
        var info = new SeedInfo { NowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        var rows = new EventRows(info.NowMs);
        Console.Error.WriteLine($"Seeding {provider}: {Events:N0} events per candidate table …");
        if (provider == "Sqlite") await SeedSqliteAsync(rows, info);
        else await SeedPostgresAsync(rows, info);
        await File.WriteAllTextAsync(SeedFile(provider), JsonSerializer.Serialize(info));
        return info;
    }

    // ---------------------------------------------------------------- SQLite

    private static string SqlitePath(string name) => Path.Combine(Folder, $"sqlite-{name}.db");

    private static readonly (string Name, string Schema, string Insert)[] SqliteTables =
    [
        ("base", "CREATE TABLE ev (id INTEGER PRIMARY KEY, starts INTEGER NOT NULL, lat REAL NOT NULL, lng REAL NOT NULL);",
            "INSERT INTO ev (id, starts, lat, lng) VALUES (@id, @starts, @lat, @lng)"),
        ("band", "CREATE TABLE ev (id INTEGER PRIMARY KEY, starts INTEGER NOT NULL, lat REAL NOT NULL, lng REAL NOT NULL); CREATE INDEX ix_ev_lat_lng ON ev (lat, lng, starts);",
            "INSERT INTO ev (id, starts, lat, lng) VALUES (@id, @starts, @lat, @lng)"),
        ("rtree", "CREATE VIRTUAL TABLE ev USING rtree(id, min_lat, max_lat, min_lng, max_lng, +starts INTEGER, +lat REAL, +lng REAL);",
            "INSERT INTO ev (id, min_lat, max_lat, min_lng, max_lng, starts, lat, lng) VALUES (@id, @lat, @lat, @lng, @lng, @starts, @lat, @lng)"),
        ("grid", "CREATE TABLE ev (id INTEGER PRIMARY KEY, cell INTEGER NOT NULL, starts INTEGER NOT NULL, lat REAL NOT NULL, lng REAL NOT NULL); CREATE INDEX ix_ev_cell ON ev (cell, starts, id, lat, lng);",
            "INSERT INTO ev (id, cell, starts, lat, lng) VALUES (@id, @cell, @starts, @lat, @lng)"),
    ];

    private static SqliteConnection OpenSqlite(string name)
    {
        var conn = new SqliteConnection($"Data Source={SqlitePath(name)};Pooling=false");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        cmd.ExecuteNonQuery();
        return conn;
    }

    private static async Task SeedSqliteAsync(EventRows rows, SeedInfo info)
    {
        foreach (var (name, schema, insert) in SqliteTables)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(SqlitePath(name) + suffix);
            await using var conn = OpenSqlite(name);
            await Exec(conn, schema);
            var sw = Stopwatch.StartNew();
            // Transactions of 10,000 rows: what a steady stream of inserts costs, without 1,000,000 fsyncs.
            for (var start = 0; start < Events; start += 10_000)
            {
                await using var tx = conn.BeginTransaction();
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = insert;
                var pid = cmd.Parameters.Add("@id", SqliteType.Integer);
                var pstarts = cmd.Parameters.Add("@starts", SqliteType.Integer);
                var plat = cmd.Parameters.Add("@lat", SqliteType.Real);
                var plng = cmd.Parameters.Add("@lng", SqliteType.Real);
                var pcell = insert.Contains("@cell") ? cmd.Parameters.Add("@cell", SqliteType.Integer) : null;
                for (var i = start; i < start + 10_000; i++)
                {
                    pid.Value = (long)i + 1;
                    pstarts.Value = rows.StartMs[i];
                    plat.Value = rows.Lat[i];
                    plng.Value = rows.Lng[i];
                    if (pcell is not null) pcell.Value = Cell(rows.Lat[i], rows.Lng[i]);
                    await cmd.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
            await Exec(conn, "PRAGMA wal_checkpoint(TRUNCATE);");
            info.Seconds[name] = sw.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  {name}: {sw.Elapsed.TotalSeconds:F1} s");
            await Exec(conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    private static async Task Exec(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<Candidate>> OpenSqliteAsync()
    {
        await Task.CompletedTask;
        var box = "lat BETWEEN @minLat AND @maxLat AND lng BETWEEN @minLng AND @maxLng";
        var rbox = "min_lat <= @maxLat AND max_lat >= @minLat AND min_lng <= @maxLng AND max_lng >= @minLng";
        var a = A("lat", "lng");
        return
        [
            new SqlCandidate("base", "no spatial index (the full scan the others are checked against)", OpenSqlite("base"), Sqlite: true)
            {
                ById = "SELECT starts FROM ev WHERE id = @id",
                Brute = $"SELECT id, starts, {a} AS a FROM ev NOT INDEXED WHERE starts >= @now AND {a} <= @amax",
                Size = SqliteSize("base", null),
            },
            new SqlCandidate("band", "B-tree (lat, lng, starts): a latitude band, longitude checked in the index, as the directory does today (plus starts, so it covers)", OpenSqlite("band"), Sqlite: true)
            {
                ById = "SELECT starts FROM ev WHERE id = @id",
                Time = _ => $"SELECT id FROM ev WHERE {box} AND starts >= @now AND {a} <= @amax ORDER BY starts, id LIMIT {PageSize}",
                Distance = _ => $"SELECT id FROM (SELECT id, {a} AS a FROM ev WHERE {box} AND starts >= @now) WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT count(*) FROM ev WHERE {box} AND starts >= @now AND {a} <= @amax",
                Size = SqliteSize("band", "base"),
            },
            new SqlCandidate("rtree", "R*Tree virtual table (id, lat, lng box) with starts, lat, lng as auxiliary columns: no join", OpenSqlite("rtree"), Sqlite: true)
            {
                ById = "SELECT starts FROM ev WHERE id = @id",
                Time = _ => $"SELECT id FROM ev WHERE {rbox} AND starts >= @now AND {a} <= @amax ORDER BY starts, id LIMIT {PageSize}",
                Distance = _ => $"SELECT id FROM (SELECT id, {a} AS a FROM ev WHERE {rbox} AND starts >= @now) WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT count(*) FROM ev WHERE {rbox} AND starts >= @now AND {a} <= @amax",
                Size = SqliteSize("rtree", null), // the whole row lives in the R*Tree: there is no table beside it
            },
            new SqlCandidate("grid", $"integer cell ({CellDegrees}° square) in a B-tree (cell, starts, id, lat, lng); page by time = the first {PageSize} of each covering cell, merged", OpenSqlite("grid"), Sqlite: true)
            {
                ById = "SELECT starts FROM ev WHERE id = @id",
                Time = o => UnionTime("ev", o),
                Distance = o => $"SELECT id FROM (SELECT id, {a} AS a FROM ev WHERE cell IN ({InList(o)}) AND starts >= @now) WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = o => $"SELECT (SELECT count(*) FROM ev WHERE cell IN ({InList(o.Inner.Length, "i")}) AND starts >= @now) + (SELECT count(*) FROM ev WHERE cell IN ({InList(o.Edge.Length, "e")}) AND starts >= @now AND {a} <= @amax)",
                Size = SqliteSize("grid", "base"),
            },
            new EfGridCandidate(new SqliteSpatialDb(OpenSqlite("grid"))),
        ];
    }

    /// <summary>
    /// Page 1 by time on the grid in plain SQL both databases run (and EF Core's Concat produces): the first
    /// page of every covering cell, read in index order, merged. Cells wholly inside the circle skip the distance test.
    /// </summary>
    private static string UnionTime(string table, Origin o)
    {
        var a = A("lat", "lng");
        var parts = o.Inner.Select((_, i) => $"SELECT * FROM (SELECT id, starts FROM {table} WHERE cell = @i{i} AND starts >= @now ORDER BY starts, id LIMIT {PageSize}) AS i{i}")
            .Concat(o.Edge.Select((_, i) => $"SELECT * FROM (SELECT id, starts FROM {table} WHERE cell = @e{i} AND starts >= @now AND {a} <= @amax ORDER BY starts, id LIMIT {PageSize}) AS e{i}"));
        return $"SELECT id FROM ({string.Join(" UNION ALL ", parts)}) AS u ORDER BY starts, id LIMIT {PageSize}";
    }

    private static string InList(Origin o) => string.Join(", ", new[] { InList(o.Inner.Length, "i"), InList(o.Edge.Length, "e") }.Where(s => s != "NULL"));
    private static string InList(int n, string prefix) => n == 0 ? "NULL" : string.Join(", ", Enumerable.Range(0, n).Select(i => $"@{prefix}{i}"));

    private static Func<Task<string>> SqliteSize(string name, string? baseline) => () =>
    {
        var size = new FileInfo(SqlitePath(name)).Length;
        var text = $"{size / 1048576.0:F0} MiB file";
        if (baseline is not null) text += $" (+{(size - new FileInfo(SqlitePath(baseline)).Length) / 1048576.0:F0} MiB over the table alone)";
        return Task.FromResult(text);
    };

    // ---------------------------------------------------------------- PostgreSQL

    private static string PgServer => BenchDatabase.PostgresServer ?? Environment.GetEnvironmentVariable("GRASSROOTS_TEST_PG")
        ?? throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG (or GRASSROOTS_TEST_PG) to a PostgreSQL server connection string.");

    private static string PgConnectionString => new NpgsqlConnectionStringBuilder(PgServer)
    {
        Database = PgDatabase, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, Pooling = false, CommandTimeout = 0,
    }.ToString();

    private static readonly (string Name, string Table, string Columns, string[] Indexes)[] PgTables =
    [
        ("base", "ev_base", "id bigint PRIMARY KEY, starts timestamptz NOT NULL, lat float8 NOT NULL, lng float8 NOT NULL", []),
        ("band", "ev_band", "id bigint PRIMARY KEY, starts timestamptz NOT NULL, lat float8 NOT NULL, lng float8 NOT NULL",
            ["CREATE INDEX ix_band ON ev_band (lat, lng) INCLUDE (starts, id)"]),
        ("gist point", "ev_point", "id bigint PRIMARY KEY, starts timestamptz NOT NULL, lat float8 NOT NULL, lng float8 NOT NULL, pt point NOT NULL",
            ["CREATE INDEX ix_point ON ev_point USING gist (pt) INCLUDE (starts, id)"]),
        ("gist earth", "ev_earth", "id bigint PRIMARY KEY, starts timestamptz NOT NULL, lat float8 NOT NULL, lng float8 NOT NULL",
            ["CREATE INDEX ix_earth ON ev_earth USING gist (ll_to_earth(lat, lng)) INCLUDE (starts, id, lat, lng)"]),
        ("grid", "ev_grid", "id bigint PRIMARY KEY, cell int NOT NULL, starts timestamptz NOT NULL, lat float8 NOT NULL, lng float8 NOT NULL",
            ["CREATE INDEX ix_grid ON ev_grid (cell, starts, id) INCLUDE (lat, lng)"]),
    ];

    private static DateTime Utc(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    private static async Task SeedPostgresAsync(EventRows rows, SeedInfo info)
    {
        await using (var server = new NpgsqlConnection(PgServer))
        {
            await server.OpenAsync();
            await Exec(server, $"DROP DATABASE IF EXISTS {PgDatabase}");
            await Exec(server, $"CREATE DATABASE {PgDatabase}");
        }
        await using var conn = new NpgsqlConnection(PgConnectionString);
        await conn.OpenAsync();
        await Exec(conn, "CREATE EXTENSION cube; CREATE EXTENSION earthdistance;");
        foreach (var (name, table, columns, indexes) in PgTables)
        {
            await Exec(conn, $"CREATE TABLE {table} ({columns})");
            foreach (var ix in indexes) await Exec(conn, ix);
            var hasPt = columns.Contains(" pt ");
            var hasCell = columns.Contains(" cell ");
            var copy = $"COPY {table} (id, {(hasCell ? "cell, " : "")}starts, lat, lng{(hasPt ? ", pt" : "")}) FROM STDIN (FORMAT BINARY)";
            var sw = Stopwatch.StartNew();
            // COPY in chunks of 10,000 rows, each its own transaction, indexes in place: a stream of inserts, batched.
            for (var start = 0; start < Events; start += 10_000)
            {
                await using var writer = await conn.BeginBinaryImportAsync(copy);
                for (var i = start; i < start + 10_000; i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                    if (hasCell) await writer.WriteAsync(Cell(rows.Lat[i], rows.Lng[i]), NpgsqlDbType.Integer);
                    await writer.WriteAsync(Utc(rows.StartMs[i]), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(rows.Lat[i], NpgsqlDbType.Double);
                    await writer.WriteAsync(rows.Lng[i], NpgsqlDbType.Double);
                    if (hasPt) await writer.WriteAsync(new NpgsqlPoint(rows.Lng[i], rows.Lat[i]), NpgsqlDbType.Point);
                }
                await writer.CompleteAsync();
            }
            info.Seconds[name] = sw.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  {name}: {sw.Elapsed.TotalSeconds:F1} s");
            await Exec(conn, $"VACUUM ANALYZE {table}");
        }
    }

    private static async Task<List<Candidate>> OpenPostgresAsync()
    {
        async Task<NpgsqlConnection> Open()
        {
            var c = new NpgsqlConnection(PgConnectionString);
            await c.OpenAsync();
            return c;
        }
        var box = "lat BETWEEN @minLat AND @maxLat AND lng BETWEEN @minLng AND @maxLng";
        var pbox = "pt <@ box(point(@minLng, @minLat), point(@maxLng, @maxLat))";
        var ebox = "earth_box(ll_to_earth(@lat0, @lng0), @meters) @> ll_to_earth(lat, lng)";
        var a = A("lat", "lng");
        var pa = A("pt[1]", "pt[0]");
        return
        [
            new SqlCandidate("base", "no spatial index (the full scan the others are checked against)", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_base WHERE id = @id",
                Brute = $"SELECT id, (extract(epoch FROM starts) * 1000)::bigint, {a} AS a FROM ev_base WHERE starts >= @now AND {a} <= @amax",
                Size = PgSize("ev_base"),
            },
            new SqlCandidate("band", "B-tree (lat, lng) INCLUDE (starts, id): a latitude band, longitude checked in the index, as the directory does today (covering)", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_band WHERE id = @id",
                Time = _ => $"SELECT id FROM ev_band WHERE {box} AND starts >= @now AND {a} <= @amax ORDER BY starts, id LIMIT {PageSize}",
                Distance = _ => $"SELECT id FROM (SELECT id, {a} AS a FROM ev_band WHERE {box} AND starts >= @now) s WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT count(*) FROM ev_band WHERE {box} AND starts >= @now AND {a} <= @amax",
                Size = PgSize("ev_band"),
            },
            new SqlCandidate("gist point", "GiST on a point column (lng, lat) INCLUDE (starts, id), queried with a box", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_point WHERE id = @id",
                Time = _ => $"SELECT id FROM ev_point WHERE {pbox} AND starts >= @now AND {pa} <= @amax ORDER BY starts, id LIMIT {PageSize}",
                Distance = _ => $"SELECT id FROM (SELECT id, {pa} AS a FROM ev_point WHERE {pbox} AND starts >= @now) s WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT count(*) FROM ev_point WHERE {pbox} AND starts >= @now AND {pa} <= @amax",
                Size = PgSize("ev_point"),
            },
            new SqlCandidate("gist earth", "earthdistance: GiST on ll_to_earth(lat, lng) (a cube) INCLUDE (starts, id, lat, lng); earth_box, and KNN (<->) for the distance order", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_earth WHERE id = @id",
                Time = _ => $"SELECT id FROM ev_earth WHERE {ebox} AND starts >= @now AND {a} <= @amax ORDER BY starts, id LIMIT {PageSize}",
                Distance = _ => $"SELECT id FROM ev_earth WHERE {ebox} AND starts >= @now AND {a} <= @amax ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth(@lat0, @lng0), id LIMIT {PageSize}",
                Count = _ => $"SELECT count(*) FROM ev_earth WHERE {ebox} AND starts >= @now AND {a} <= @amax",
                Size = PgSize("ev_earth"),
            },
            new SqlCandidate("grid", $"integer cell ({CellDegrees}° square) in a B-tree (cell, starts, id) INCLUDE (lat, lng); page by time = the first {PageSize} of each covering cell (LATERAL), merged", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_grid WHERE id = @id",
                Time = _ => $"""
                    SELECT id FROM (
                      SELECT x.id, x.starts FROM unnest(@inner) AS c(cell) CROSS JOIN LATERAL
                        (SELECT e.id, e.starts FROM ev_grid e WHERE e.cell = c.cell AND e.starts >= @now ORDER BY e.starts, e.id LIMIT {PageSize}) x
                      UNION ALL
                      SELECT x.id, x.starts FROM unnest(@edge) AS c(cell) CROSS JOIN LATERAL
                        (SELECT e.id, e.starts FROM ev_grid e WHERE e.cell = c.cell AND e.starts >= @now AND {A("e.lat", "e.lng")} <= @amax ORDER BY e.starts, e.id LIMIT {PageSize}) x
                    ) y ORDER BY starts, id LIMIT {PageSize}
                    """,
                Distance = _ => $"SELECT id FROM (SELECT id, {a} AS a FROM ev_grid WHERE cell = ANY(@cells) AND starts >= @now) s WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT (SELECT count(*) FROM ev_grid WHERE cell = ANY(@inner) AND starts >= @now) + (SELECT count(*) FROM ev_grid WHERE cell = ANY(@edge) AND starts >= @now AND {a} <= @amax)",
                Size = PgSize("ev_grid"),
            },
            new SqlCandidate("grid, UNION ALL", "the grid table above, page by time in the same UNION ALL text SQLite runs (no LATERAL)", await Open(), Sqlite: false)
            {
                ById = "SELECT starts FROM ev_grid WHERE id = @id",
                Time = o => UnionTime("ev_grid", o),
                Distance = _ => $"SELECT id FROM (SELECT id, {a} AS a FROM ev_grid WHERE cell = ANY(@cells) AND starts >= @now) s WHERE a <= @amax ORDER BY a, id LIMIT {PageSize}",
                Count = _ => $"SELECT (SELECT count(*) FROM ev_grid WHERE cell = ANY(@inner) AND starts >= @now) + (SELECT count(*) FROM ev_grid WHERE cell = ANY(@edge) AND starts >= @now AND {a} <= @amax)",
                Size = () => Task.FromResult("the grid table"),
            },
            new EfGridCandidate(new PostgresSpatialDb(await Open())),
        ];
    }

    private static Func<Task<string>> PgSize(string table) => async () =>
    {
        await using var conn = new NpgsqlConnection(PgConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT pg_size_pretty(pg_table_size(@t::regclass)) || ' table; ' ||
                   coalesce(string_agg(i.indexrelid::regclass::text || ' ' || pg_size_pretty(pg_relation_size(i.indexrelid)), ', ' ORDER BY i.indexrelid::regclass::text), '')
            FROM pg_index i WHERE i.indrelid = @t::regclass
            """, conn);
        cmd.Parameters.AddWithValue("t", table);
        return (string)(await cmd.ExecuteScalarAsync())!;
    };

    // ---------------------------------------------------------------- queries

    public abstract class Candidate(string name, string description) : IAsyncDisposable
    {
        public string Name { get; } = name;
        public string Description { get; } = description;
        public abstract Task<List<long>> TimePageAsync(Origin o, long nowMs);
        public abstract Task<List<long>> DistancePageAsync(Origin o, long nowMs);
        public abstract Task<long> CountAsync(Origin o, long nowMs);
        public abstract Task<int> ByIdAsync(long id);
        public abstract Task<List<(long Id, long Starts, double A)>> BruteForceAsync(Origin o, long nowMs);
        public abstract Task<string> SizeAsync();
        public abstract ValueTask DisposeAsync();
        /// <summary>The plans (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE, BUFFERS) or the SQL EF Core generates.</summary>
        public abstract Task<string> ExplainAsync(Origin o, long nowMs);

        /// <summary>
        /// Nearest first without reading the whole circle: look within the first ring; a full page there is
        /// the answer (every event that close is in it), otherwise the next, wider ring.
        /// </summary>
        public async Task<List<long>> DistanceGrowingAsync(Origin[] rings, long nowMs)
        {
            List<long> page = [];
            foreach (var o in rings)
            {
                page = await DistancePageAsync(o, nowMs);
                if (page.Count == PageSize) break;
            }
            return page;
        }
    }

    /// <summary>A candidate as SQL text per question (the text may depend on the origin: the grid's cells); commands kept and reused per text.</summary>
    private sealed class SqlCandidate(string name, string description, DbConnection conn, bool Sqlite) : Candidate(name, description)
    {
        public string ById { get; init; } = "";
        public string? Brute { get; init; }
        public Func<Origin, string>? Time { get; init; }
        public Func<Origin, string>? Distance { get; init; }
        public Func<Origin, string>? Count { get; init; }
        public required Func<Task<string>> Size { get; init; }

        private readonly Dictionary<string, DbCommand> _commands = [];
        private static readonly Regex Names = new(@"@[a-zA-Z]\w*", RegexOptions.Compiled);

        private DbCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var cmd)) return cmd;
            cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            foreach (var n in Names.Matches(sql).Select(m => m.Value).Distinct())
            {
                var p = cmd.CreateParameter();
                p.ParameterName = n;
                cmd.Parameters.Add(p);
            }
            return _commands[sql] = cmd;
        }

        private DbCommand Bind(string sql, Origin? o, long nowMs, long id = 0)
        {
            var cmd = Command(sql);
            foreach (DbParameter p in cmd.Parameters)
            {
                var n = p.ParameterName.TrimStart('@');
                p.Value = n switch
                {
                    "id" => id,
                    "now" => Sqlite ? nowMs : Utc(nowMs),
                    "lat0" => o!.Lat,
                    "lng0" => o!.Lng,
                    "cos0" => o!.Cos0,
                    "amax" => o!.AMax,
                    "minLat" => o!.Box.MinLat,
                    "maxLat" => o!.Box.MaxLat,
                    "minLng" => o!.Box.MinLng,
                    "maxLng" => o!.Box.MaxLng,
                    // earth_box's radius in earthdistance's metres, a hair wide: the exact test follows.
                    "meters" => o!.Miles / R * EarthMeters * 1.001,
                    "inner" => o!.Inner,
                    "edge" => o!.Edge,
                    "cells" => o!.Cells,
                    _ when n[0] == 'i' && int.TryParse(n[1..], out var i) => o!.Inner[i],
                    _ when n[0] == 'e' && int.TryParse(n[1..], out var e) => o!.Edge[e],
                    _ => throw new InvalidOperationException($"Unknown parameter {n}"),
                };
            }
            return cmd;
        }

        private static async Task<List<long>> Ids(DbCommand cmd)
        {
            var list = new List<long>(PageSize);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) list.Add(r.GetInt64(0));
            return list;
        }

        public override Task<List<long>> TimePageAsync(Origin o, long nowMs) => Ids(Bind(Time!(o), o, nowMs));
        public override Task<List<long>> DistancePageAsync(Origin o, long nowMs) => Ids(Bind(Distance!(o), o, nowMs));
        public override async Task<long> CountAsync(Origin o, long nowMs) => Convert.ToInt64(await Bind(Count!(o), o, nowMs).ExecuteScalarAsync());

        public override async Task<int> ByIdAsync(long id)
        {
            await using var r = await Bind(ById, null, 0, id).ExecuteReaderAsync();
            return await r.ReadAsync() ? 1 : 0;
        }

        public override async Task<List<(long Id, long Starts, double A)>> BruteForceAsync(Origin o, long nowMs)
        {
            var list = new List<(long, long, double)>();
            await using var r = await Bind(Brute!, o, nowMs).ExecuteReaderAsync();
            while (await r.ReadAsync()) list.Add((r.GetInt64(0), r.GetInt64(1), r.GetDouble(2)));
            return list;
        }

        public override Task<string> SizeAsync() => Size();

        public override async Task<string> ExplainAsync(Origin o, long nowMs)
        {
            var text = new StringBuilder();
            foreach (var (what, sql) in new[] { ("by time", Time), ("by distance", Distance), ("count", Count) })
            {
                if (sql is null) continue;
                var q = sql(o);
                text.AppendLine($"-- {Name}, {what}, {o.Place.Zip} within {o.Miles} mi").AppendLine(q);
                var cmd = Bind((Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ") + q, o, nowMs);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) text.AppendLine(Sqlite ? $"{r.GetInt32(0),4} {r.GetInt32(1),4} {r.GetString(3)}" : r.GetString(0));
                text.AppendLine();
            }
            return text.ToString();
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var c in _commands.Values) await c.DisposeAsync();
            await conn.DisposeAsync();
        }
    }
}
