using System.Diagnostics;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// Prepares and checks the pledge load test (bench/pledges.sh): members with tokens and needs that
/// take any number of pledges; afterwards counts the stored pledges against the answers wrk saw.
/// The baseline is raw single-row inserts into the same SQLite file, measured in the same run.
/// </summary>
public static class PledgeLoad
{
    private const string Password = "bench load password";
    public const int Needs = 4000;

    /// <summary>Registers members through the running app, confirms them in the database, logs them in; writes the wrk script's data.</summary>
    public static async Task SetupAsync(string provider, string baseUrl, int members, string luaPath)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var emails = Enumerable.Range(0, members).Select(i => $"load{i}-{Guid.NewGuid():N}@bench.invalid").ToList();
        foreach (var e in emails)
            (await http.PostAsJsonAsync("/api/auth/register", new { displayName = "Load", email = e, password = Password })).EnsureSuccessStatusCode();
        await using (var db = BenchDatabase.Open(provider))
        {
            await db.Users.Where(u => emails.Contains(u.Email!)).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true).SetProperty(u => u.DisplayName, "Load"));
        }
        var tokens = new List<string>();
        foreach (var e in emails)
        {
            var r = await http.PostAsJsonAsync("/api/auth/login", new { email = e, password = Password });
            r.EnsureSuccessStatusCode();
            tokens.Add((await r.Content.ReadFromJsonAsync<Token>())!.AccessToken);
        }
        // Needs that welcome any number of pledges, so every request is a success to be counted.
        var owner = tokens[0];
        http.DefaultRequestHeaders.Authorization = new("Bearer", owner);
        var created = await http.PostAsJsonAsync("/api/projects", new { title = $"Load test {Guid.NewGuid():N}", goal = "Count pledges.", online = true });
        created.EnsureSuccessStatusCode();
        var project = (await created.Content.ReadFromJsonAsync<ProjectView>())!;
        await using (var db = BenchDatabase.Open(provider))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Needs; i++)
                db.Needs.Add(new Need { ProjectId = project.Id, Kind = NeedKind.Hours, Title = $"Hours {i}", Quantity = 1_000_000, AllowOverfill = true, CreatedAt = now });
            await db.SaveChangesAsync();
            var needIds = await db.Needs.Where(n => n.ProjectId == project.Id).OrderBy(n => n.Title).Select(n => n.Id).ToListAsync();
            var tokenList = string.Join(", ", tokens.Select(t => $"\"{t}\""));
            var needList = string.Join(", ", needIds.Select(n => $"\"{n}\""));
            await File.WriteAllTextAsync(luaPath, $$"""
                project = "{{project.Id}}"
                tokens = { {{tokenList}} }
                needs = { {{needList}} }
                """);
        }
        Console.WriteLine(project.Id);
    }

    /// <summary>Pledges stored for the load project, and pledges stored twice under one key (must be 0).</summary>
    public static async Task CheckAsync(string provider, Guid projectId)
    {
        await using var db = BenchDatabase.Open(provider);
        var stored = await db.Pledges.CountAsync(p => p.ProjectId == projectId);
        var duplicated = await db.Pledges.Where(p => p.ProjectId == projectId).GroupBy(p => new { p.MemberId, p.IdempotencyKey }).CountAsync(g => g.Count() > 1);
        var reserved = await db.Needs.Where(n => n.ProjectId == projectId).SumAsync(n => n.Reserved);
        Console.WriteLine($"{stored} {duplicated} {reserved}");
    }

    /// <summary>Raw single-row inserts into the same SQLite file (one autocommit INSERT each) from <paramref name="concurrency"/> connections for a few seconds.</summary>
    public static async Task RawInsertsAsync(string provider, int seconds, int concurrency)
    {
        if (provider == "Postgres")
        {
            await RawPostgresInsertsAsync(seconds, concurrency);
            return;
        }
        var cs = $"Data Source={BenchDatabase.SqlitePath};Pooling=true;Default Timeout=30";
        await using (var setup = new SqliteConnection(cs))
        {
            await setup.OpenAsync();
            var c = setup.CreateCommand();
            c.CommandText = "CREATE TABLE IF NOT EXISTS bench_raw_inserts (id TEXT PRIMARY KEY, member TEXT NOT NULL, amount INTEGER NOT NULL, created INTEGER NOT NULL)";
            await c.ExecuteNonQueryAsync();
        }
        var count = 0L;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var conn = new SqliteConnection(cs);
            await conn.OpenAsync();
            var pragma = conn.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync();
            var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO bench_raw_inserts (id, member, amount, created) VALUES ($id, $m, 1, $t)";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var m = cmd.Parameters.Add("$m", SqliteType.Text);
            var t = cmd.Parameters.Add("$t", SqliteType.Integer);
            while (until.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                id.Value = Guid.CreateVersion7().ToString();
                m.Value = "member";
                t.Value = DateTime.UtcNow.Ticks;
                await cmd.ExecuteNonQueryAsync();
                Interlocked.Increment(ref count);
            }
        }));
        Console.WriteLine($"{count / until.Elapsed.TotalSeconds:F1}");
    }

    /// <summary>The same on PostgreSQL: one autocommit INSERT per statement, prepared, from as many connections.</summary>
    private static async Task RawPostgresInsertsAsync(int seconds, int concurrency)
    {
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer) { Database = "grassroots_bench", MaxPoolSize = concurrency + 5 }.ToString());
        await using (var setup = data.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw_inserts (id uuid PRIMARY KEY, member text NOT NULL, amount bigint NOT NULL, created timestamptz NOT NULL)"))
            await setup.ExecuteNonQueryAsync();
        var count = 0L;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var conn = await data.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("INSERT INTO bench_raw_inserts (id, member, amount, created) VALUES ($1, $2, 1, $3)", conn);
            var id = new NpgsqlParameter<Guid>();
            var t = new NpgsqlParameter<DateTimeOffset>();
            cmd.Parameters.Add(id);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "member" });
            cmd.Parameters.Add(t);
            await cmd.PrepareAsync();
            while (until.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                id.TypedValue = Guid.CreateVersion7();
                t.TypedValue = DateTimeOffset.UtcNow;
                await cmd.ExecuteNonQueryAsync();
                Interlocked.Increment(ref count);
            }
        }));
        Console.WriteLine($"{count / until.Elapsed.TotalSeconds:F1}");
    }

    private sealed record Token(string AccessToken);
}
