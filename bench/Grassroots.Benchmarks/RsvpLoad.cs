using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// Prepares and checks the RSVP load tests (bench/rsvps.sh): members with bearer tokens, events made in
/// the database under one tag, and an antiforgery token with its cookie for the guests' page form;
/// afterwards counts the stored RSVPs against the answers wrk saw and checks every event's counts.
/// Its own database (not the 1,000,000-member one): an RSVP reads a member by key, an event by key,
/// and the RSVPs of one address, none of which grows with the member table.
/// </summary>
public static partial class RsvpLoad
{
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-rsvp-bench.db");
    public const string PostgresDatabase = "grassroots_rsvp_bench";

    public static AppDbContext Open(string provider)
    {
        if (provider == "Sqlite")
            return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite($"Data Source={SqlitePath};Pooling=true;Default Timeout=60").UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
        var csb = new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer ?? throw new InvalidOperationException("Set GRASSROOTS_BENCH_PG.")) { Database = PostgresDatabase };
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(csb.ToString()).UseApplicationServiceProvider(AppDbContext.DesignTimeServices()).Options);
    }

    /// <summary>
    /// Registers <paramref name="members"/> members through the running app, confirms them, signs them in; makes
    /// <paramref name="events"/> events tagged <paramref name="tag"/> (capacity: "open" = none, "small" = 2–9
    /// places, "party" = a mix of 8, 15, 40 and none, one in ten without a waitlist); writes the wrk script's data.
    /// </summary>
    public static async Task SetupAsync(string provider, string baseUrl, int members, int events, string capacity, string tag, string luaPath)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var (emails, tokens) = await BenchMembers.SignUpAsync(http, () => Open(provider), members, "rsvp");

        var ids = new List<Guid>();
        var slugs = new List<string>();
        await using (var db = Open(provider))
        {
            var host = await db.Users.Where(u => u.Email == emails[0]).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < events; i++)
            {
                var (cap, waitlist) = capacity switch
                {
                    "open" => ((int?)null, true),
                    "small" => (2 + i % 8, true),
                    _ => ((i % 4) switch { 0 => 8, 1 => 15, 2 => 40, _ => (int?)null }, i % 10 != 3),
                };
                var e = new Event
                {
                    Slug = $"rsvp-load-{tag}-{i}", Title = $"RSVP load {tag} {i}", Kind = EventKind.HouseParty, TimeZone = "America/New_York",
                    StartsAt = now.AddDays(7 + i % 3), EndsAt = now.AddDays(7 + i % 3).AddHours(3), Online = true, OnlineUrl = "https://example.invalid/call",
                    Capacity = cap, Waitlist = waitlist, GuestsAllowed = 2, HostId = host, CreatedAt = now, UpdatedAt = now,
                };
                db.Events.Add(e);
                ids.Add(e.Id);
                slugs.Add(e.Slug);
                if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync();
        }

        // A guest's form: the page's antiforgery token and its cookie (a visitor's pair is not tied to a user, so one pair serves every post).
        var page = await http.GetAsync($"/events/{slugs[0]}");
        page.EnsureSuccessStatusCode();
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)));
        if (token.Length == 0 || cookie.Length == 0) throw new InvalidOperationException("No antiforgery token or cookie on the event page.");

        await File.WriteAllTextAsync(luaPath, $$"""
            tokens = {{BenchMembers.LuaList(tokens)}}
            events = {{BenchMembers.LuaList(ids.Select(x => x.ToString()))}}
            slugs = {{BenchMembers.LuaList(slugs)}}
            af_token = "{{Uri.EscapeDataString(System.Net.WebUtility.HtmlDecode(token))}}"
            af_cookie = "{{cookie}}"
            """);
        Console.WriteLine(tag);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>
    /// One line: rows whose key starts with <paramref name="keyPrefix"/> (all, by members, by guests), rows twice
    /// under one (address, key), active rows twice for one (event, address), events over capacity, events whose
    /// Confirmed/Waitlisted differ from their rows' seats, confirmed and waitlisted seats, the mails queued
    /// for the tag's events' RSVPs, and the number of events.
    /// </summary>
    public static async Task CheckAsync(string provider, string tag, string keyPrefix)
    {
        await using var db = Open(provider);
        var like = $"rsvp-load-{tag}-%";
        var events = db.Events.Where(e => EF.Functions.Like(e.Slug, like));
        var rsvps = db.Rsvps.Where(r => events.Any(e => e.Id == r.EventId));
        var mine = rsvps.Where(r => r.IdempotencyKey.StartsWith(keyPrefix));
        var stored = await mine.CountAsync();
        var byMembers = await mine.CountAsync(r => r.MemberId != null);
        var twiceKey = await rsvps.GroupBy(r => new { r.EmailKey, r.IdempotencyKey }).CountAsync(g => g.Count() > 1);
        var twicePerson = await rsvps.Where(r => r.Status != RsvpStatus.Cancelled).GroupBy(r => new { r.EventId, r.EmailKey }).CountAsync(g => g.Count() > 1);
        var oversold = await events.CountAsync(e => e.Capacity != null && e.Confirmed > e.Capacity);
        var counts = await events.Select(e => new
        {
            e.Confirmed, e.Waitlisted,
            SeatsConfirmed = db.Rsvps.Where(r => r.EventId == e.Id && r.Status == RsvpStatus.Confirmed).Sum(r => (int?)(1 + r.Guests)) ?? 0,
            SeatsWaiting = db.Rsvps.Where(r => r.EventId == e.Id && r.Status == RsvpStatus.Waitlisted).Sum(r => (int?)(1 + r.Guests)) ?? 0,
        }).ToListAsync();
        var mismatched = counts.Count(c => c.Confirmed != c.SeatsConfirmed || c.Waitlisted != c.SeatsWaiting);
        var full = await events.CountAsync(e => e.Capacity != null && e.Waitlisted > 0);
        Console.WriteLine($"{stored} {byMembers} {stored - byMembers} {twiceKey} {twicePerson} {oversold} {mismatched} {counts.Sum(c => c.Confirmed)} {counts.Sum(c => c.Waitlisted)} {full} {counts.Count}");
    }

    /// <summary>
    /// Raw single-row inserts into the rsvps table of the same database (one autocommit INSERT each, the same
    /// columns and indexes an RSVP fills) from <paramref name="concurrency"/> connections, on one event made for it.
    /// </summary>
    public static async Task RawInsertsAsync(string provider, int seconds, int concurrency)
    {
        Guid eventId;
        await using (var db = Open(provider))
        {
            var host = await db.Users.Select(u => u.Id).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            var e = new Event
            {
                Slug = $"rsvp-raw-{Guid.NewGuid():N}", Title = "RSVP raw inserts", TimeZone = "America/New_York", StartsAt = now.AddDays(7), EndsAt = now.AddDays(7).AddHours(1),
                Online = true, HostId = host, CreatedAt = now, UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }
        var count = 0L;
        var until = Stopwatch.StartNew();
        if (provider == "Postgres")
        {
            await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer) { Database = PostgresDatabase, MaxPoolSize = concurrency + 5 }.ToString());
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                await using var conn = await data.OpenConnectionAsync();
                await using var cmd = new NpgsqlCommand("""INSERT INTO rsvps ("Id", "EventId", "Name", "Email", "EmailKey", "Guests", "Status", "IdempotencyKey", "CreatedAt", "WalkIn") VALUES ($1, $2, 'Raw', $3, $4, 0, 0, $5, $6, false)""", conn);
                var id = new NpgsqlParameter<Guid>();
                var email = new NpgsqlParameter<string>();
                var key = new NpgsqlParameter<string>();
                var emailKey = new NpgsqlParameter<string>();
                var t = new NpgsqlParameter<DateTimeOffset>();
                cmd.Parameters.Add(id);
                cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
                cmd.Parameters.Add(email);
                cmd.Parameters.Add(emailKey);
                cmd.Parameters.Add(key);
                cmd.Parameters.Add(t);
                await cmd.PrepareAsync();
                while (until.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    id.TypedValue = Guid.CreateVersion7();
                    email.TypedValue = $"raw-{id.TypedValue:N}@bench.invalid";
                    emailKey.TypedValue = email.TypedValue.ToUpperInvariant();
                    key.TypedValue = id.TypedValue.ToString("N");
                    t.TypedValue = DateTimeOffset.UtcNow;
                    await cmd.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref count);
                }
            }));
        }
        else
        {
            var cs = $"Data Source={SqlitePath};Pooling=true;Default Timeout=30";
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                await using var conn = new SqliteConnection(cs);
                await conn.OpenAsync();
                var pragma = conn.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
                await pragma.ExecuteNonQueryAsync();
                var cmd = conn.CreateCommand();
                // The app stores Guids as upper-case text and DateTimeOffset as a sortable 64-bit number (SqliteAppDbContext).
                cmd.CommandText = """INSERT INTO rsvps ("Id", "EventId", "Name", "Email", "EmailKey", "Guests", "Status", "IdempotencyKey", "CreatedAt", "WalkIn") VALUES ($id, $e, 'Raw', $m, $k, 0, 0, $key, $t, 0)""";
                var id = cmd.Parameters.Add("$id", SqliteType.Text);
                cmd.Parameters.AddWithValue("$e", eventId.ToString().ToUpperInvariant());
                var m = cmd.Parameters.Add("$m", SqliteType.Text);
                var k = cmd.Parameters.Add("$k", SqliteType.Text);
                var key = cmd.Parameters.Add("$key", SqliteType.Text);
                var t = cmd.Parameters.Add("$t", SqliteType.Integer);
                var toBinary = new DateTimeOffsetToBinaryConverter();
                while (until.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    var g = Guid.CreateVersion7();
                    id.Value = g.ToString().ToUpperInvariant();
                    m.Value = $"raw-{g:N}@bench.invalid";
                    k.Value = ((string)m.Value).ToUpperInvariant();
                    key.Value = g.ToString("N");
                    t.Value = toBinary.ConvertToProvider(DateTimeOffset.UtcNow);
                    await cmd.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref count);
                }
            }));
        }
        Console.WriteLine($"{count / until.Elapsed.TotalSeconds:F1}");
    }

    /// <summary>Migrates the bench database (made by the app at its first start otherwise); PostgreSQL: creates it first.</summary>
    public static Task EnsureAsync(string provider) => BenchDatabase.MigrateAsync(provider, PostgresDatabase, () => Open(provider));
}
