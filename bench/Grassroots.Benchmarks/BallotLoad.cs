using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Grassroots.Ballots.Board;
using Grassroots.Features.Convention;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Benchmarks;

/// <summary>
/// The convention's ballot load (bench/ballots.sh): thousands of delegates casting on one motion over HTTP. Delegates
/// are made in the database, confirmed and credentialed (registered remotely), with bearer tokens minted by the app's
/// own key ring (signing 20,000 people in would be 20,000 password hashes, ~100 ms each here: not what is measured).
/// Afterwards checks that every acknowledged ballot is on the board once, the chain holds and the counters match.
/// </summary>
public static class BallotLoad
{
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-ballot-bench.db");
    public const string PostgresDatabase = "grassroots_ballot_bench";

    public static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    public static Task EnsureAsync(string provider) => BenchDatabase.MigrateAsync(provider, PostgresDatabase, () => Open(provider));

    private static async Task<List<(Guid Id, string Stamp)>> DelegatesAsync(string provider, int count, string tag, string? passwordHash)
    {
        var made = new List<(Guid, string)>(count);
        for (var i = 0; i < count; i += 1000)
        {
            await using var db = Open(provider);
            for (var j = i; j < Math.Min(count, i + 1000); j++)
            {
                var email = $"ballot-{tag}-{j}@bench.invalid";
                var m = new Member
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                    DisplayName = $"Delegate {j}", SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), PasswordHash = passwordHash,
                };
                db.Users.Add(m);
                made.Add((m.Id, m.SecurityStamp));
            }
            await db.SaveChangesAsync();
        }
        return made;
    }

    /// <summary>Bearer tokens as the app's bearer handler reads them: its data-protection keys, its protector's purposes, a member's id and security stamp.</summary>
    private static Func<Guid, string, string> Minter(string dataPath)
    {
        var dp = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dataPath, "keys")), b => b.SetApplicationName("grassroots"));
        var format = new TicketDataFormat(dp.CreateProtector("Microsoft.AspNetCore.Authentication.BearerToken", IdentityConstants.BearerScheme, "BearerToken"));
        var stampType = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;
        return (id, stamp) => format.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, id.ToString()), new Claim(stampType, stamp)], IdentityConstants.ApplicationScheme)),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(2) }, $"{IdentityConstants.BearerScheme}:AccessToken"));
    }

    /// <summary>
    /// A chair, <paramref name="delegates"/> credentialed delegates, an assembly with one yes/no motion open; writes the
    /// delegates' tokens one a line to <paramref name="tokensPath"/> and the Lua data (the ballots path) to <paramref name="luaPath"/>.
    /// </summary>
    public static async Task SetupAsync(string provider, string baseUrl, int delegates, string dataPath, string tag, string tokensPath, string luaPath)
    {
        var clock = Stopwatch.StartNew();
        var mint = Minter(dataPath);
        var chair = (await DelegatesAsync(provider, 1, tag + "-chair", null))[0];
        var people = await DelegatesAsync(provider, delegates, tag, null);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mint(chair.Id, chair.Stamp));
        var me = await http.GetAsync("/api/me");
        if (me.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"A minted token is refused ({(int)me.StatusCode}): the key ring or the protector's purposes differ from the app's.");

        var start = DateTimeOffset.UtcNow.AddMinutes(5);
        var assembly = await Send<AssemblyView>(await http.PostAsJsonAsync("/api/assemblies", new
        {
            name = $"Ballot load {tag}", startsAt = start, endsAt = start.AddHours(8), timeZone = "America/New_York", credentialRule = "Registered",
        }));
        await using (var db = Open(provider))
        {
            foreach (var chunk in people.Chunk(2000))
            {
                db.AssemblyRegistrations.AddRange(chunk.Select(p => new AssemblyRegistration { AssemblyId = assembly.Id, MemberId = p.Id, Attendance = Attendance.Remote, RegisteredAt = DateTimeOffset.UtcNow }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        var motion = await Send<MotionView>(await http.PostAsJsonAsync($"/api/assemblies/{assembly.Id}/motions", new { title = "Ratify the rules", kind = "Procedural", method = "yes-no" }));
        (await http.PostAsJsonAsync($"/api/assemblies/{assembly.Id}/motions/{motion.Number}/open", new { })).EnsureSuccessStatusCode();
        await File.WriteAllLinesAsync(tokensPath, people.Select(p => mint(p.Id, p.Stamp)));
        await File.WriteAllTextAsync(luaPath, $"ballots_path = \"/api/assemblies/{assembly.Id}/motions/{motion.Number}/ballots\"\ntokens_file = \"{tokensPath}\"\n");
        Console.Error.WriteLine($"setup: {delegates} delegates credentialed and a motion open in {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine(motion.Id);
    }

    private static async Task<T> Send<T>(HttpResponseMessage r)
    {
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }))!;
    }

    /// <summary>Prints: board entries, distinct voters, the motion's counters (board count, voted), whether the chain holds to the stored head, trackers repeated.</summary>
    public static async Task CheckAsync(string provider, Guid motionId)
    {
        await using var db = Open(provider);
        var m = await db.Motions.AsNoTracking().SingleAsync(x => x.Id == motionId);
        var entries = await db.BoardBallots.AsNoTracking().Where(b => b.MotionId == motionId).OrderBy(b => b.Sequence)
            .Select(b => new BoardEntry(b.Sequence, b.Tracker, b.Replaces, b.Hash)).ToListAsync();
        var voters = await db.BallotCasts.CountAsync(c => c.MotionId == motionId);
        var (problem, head) = BoardChain.Verify(motionId.ToString(), entries);
        var chain = problem is null && head == m.BoardHead ? "holds" : "BROKEN:" + (problem ?? "head differs").Replace(' ', '_');
        Console.WriteLine($"{entries.Count} {voters} {m.BoardCount} {m.Voted} {chain} {entries.Count - entries.Select(e => e.Tracker).Distinct().Count()}");
    }

    /// <summary>Raw single-row INSERTs into board_ballots (every column a ballot fills, autocommit) for a motion of its own.</summary>
    public static async Task RawInsertsAsync(string provider, int seconds, int concurrency)
    {
        var motion = Guid.CreateVersion7();
        var rate = await VoteLoad.RawInsertsAsync(provider, SqlitePath, PostgresDatabase, seconds, concurrency,
            """INSERT INTO board_ballots ("MotionId", "Sequence", "Tracker", "Replaces", "Hash", "Choices", "Nonce") VALUES (@p0, @p1, @p2, NULL, @p3, 'yes', @p4)""",
            (n, key, _) => [key(motion), n, Tracker.Compute(motion.ToString(), "yes", n.ToString("x32")), n.ToString("x64"), n.ToString("x32")]);
        Console.WriteLine($"{rate:F1}");
    }

    /// <summary>
    /// A convention hall: <paramref name="delegates"/> people behind one address (this machine's loopback) sign in
    /// with their passwords, all at once, then each casts a ballot, against the app's default rate limits. Prints
    /// sign-ins answered 200 and 429, ballots answered 201 and 429, and the seconds each phase took.
    /// </summary>
    public static async Task HallAsync(string provider, string baseUrl, int delegates, string dataPath, string tag)
    {
        const string password = "convention hall password";
        var hash = new PasswordHasher<Member>().HashPassword(new Member(), password);   // the app's default: PBKDF2, 100,000 rounds
        var people = await DelegatesAsync(provider, delegates, tag, hash);
        var mint = Minter(dataPath);
        var chair = (await DelegatesAsync(provider, 1, tag + "-chair", null))[0];
        using var chairHttp = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        chairHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mint(chair.Id, chair.Stamp));
        var start = DateTimeOffset.UtcNow.AddMinutes(5);
        var assembly = await Send<AssemblyView>(await chairHttp.PostAsJsonAsync("/api/assemblies", new { name = $"Hall {tag}", startsAt = start, endsAt = start.AddHours(8), timeZone = "America/New_York" }));
        await using (var db = Open(provider))
        {
            db.AssemblyRegistrations.AddRange(people.Select(p => new AssemblyRegistration { AssemblyId = assembly.Id, MemberId = p.Id, Attendance = Attendance.InPerson, RegisteredAt = DateTimeOffset.UtcNow }));
            await db.SaveChangesAsync();
        }
        var motion = await Send<MotionView>(await chairHttp.PostAsJsonAsync($"/api/assemblies/{assembly.Id}/motions", new { title = "Adopt the agenda", kind = "Procedural", method = "yes-no" }));
        (await chairHttp.PostAsJsonAsync($"/api/assemblies/{assembly.Id}/motions/{motion.Number}/open", new { })).EnsureSuccessStatusCode();

        using var hall = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var tokens = new string?[delegates];
        var signIns = new int[600];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, delegates), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var r = await hall.PostAsJsonAsync("/api/auth/login", new { email = $"ballot-{tag}-{i}@bench.invalid", password }, ct);
            Interlocked.Increment(ref signIns[Math.Min(599, (int)r.StatusCode)]);
            if (r.IsSuccessStatusCode) tokens[i] = (await r.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        });
        var signInSeconds = clock.Elapsed.TotalSeconds;
        var ballots = new int[600];
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, delegates).Where(i => tokens[i] is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assemblies/{assembly.Id}/motions/{motion.Number}/ballots") { Content = JsonContent.Create(new { choices = i % 3 == 0 ? "no" : "yes" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            var r = await hall.SendAsync(request, ct);
            Interlocked.Increment(ref ballots[Math.Min(599, (int)r.StatusCode)]);
        });
        Console.WriteLine($"sign-ins 200={signIns[200]} 429={signIns[429]} other={delegates - signIns[200] - signIns[429]} in {signInSeconds:F1} s; " +
            $"ballots 201={ballots[201]} 429={ballots[429]} other={ballots.Sum() - ballots[201] - ballots[429]} in {clock.Elapsed.TotalSeconds:F1} s");
        await CheckAsync(provider, motion.Id);
    }
}
