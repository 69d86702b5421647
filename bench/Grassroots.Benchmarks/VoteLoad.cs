using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Features.Conversations;
using Grassroots.Features.Notices;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// Prepares and checks the conversation-vote and amendment co-sign load tests (bench/votes.sh): members with bearer
/// tokens; per phase (w: the warm-up, m: the measured runs) conversations of many statements and a platform document
/// with many amendments, all made under one tag; afterwards compares what was stored with what wrk was answered and
/// checks every counter against its rows. Its own database: a vote reads a conversation, a statement and a
/// participant by key, none of which grows with the member table.
/// </summary>
public static partial class VoteLoad
{
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-vote-bench.db");
    public const string PostgresDatabase = "grassroots_vote_bench";
    /// <summary>Members who propose the amendments (not among the voters and co-signers, who never meet their own).</summary>
    private const int Authors = 8;

    public static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    public static Task EnsureAsync(string provider) => BenchDatabase.MigrateAsync(provider, PostgresDatabase, () => Open(provider));

    /// <summary>Member i's first vote on statement s (votes.lua's value(…, 0)); its replacement is <see cref="Replacement"/>.</summary>
    public static int FirstVote(int member, int statement) => (member * 7 + statement) % 3 - 1;
    public static int Replacement(int member, int statement) => (member * 7 + statement + 1) % 3 - 1;

    private static string Topic(string tag, string phase, int k) => $"Vote load {tag} {phase} {k}";
    private static string DocumentTitle(string tag, string phase) => $"Vote load {tag} {phase}";
    private static string StatementText(int i) => $"Statement {i}: the platform should take up proposal number {i}.";

    private const string Markdown = """
        # Vote load

        ## Economy

        ### Living wage

        Raise the minimum wage to $15 and end tipped wages for all workers.

        ### Jobs

        A federal jobs guarantee for everyone who wants to work.

        ## Democracy

        ### Money in politics

        Overturn Citizens United and publicly fund elections.

        ### Voting

        Automatic voter registration and a national holiday on election day.
        """;

    /// <summary>
    /// Signs up <paramref name="members"/> voters and co-signers, a host and <see cref="Authors"/> authors; makes for
    /// each phase its conversations of <paramref name="statements"/> statements each (started over the API with
    /// 50 seeds, the rest added in the database) and one document whose amendments reach the ballot at
    /// <paramref name="threshold"/> co-signers; one more conversation and document for the raw inserts;
    /// writes the wrk script's data.
    /// </summary>
    public static async Task SetupAsync(string provider, string baseUrl, int members, int statements, int threshold,
        int conversations, int amendments, int warmConversations, int warmAmendments, string tag, string luaPath)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var (emails, tokens) = await BenchMembers.SignUpAsync(http, () => Open(provider), members + 1 + Authors, $"vote-{tag}-");
        var host = tokens[members];
        var authors = tokens[(members + 1)..];

        async Task<T> SendAsync<T>(HttpMethod method, string path, string token, object body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return typeof(T) == typeof(object) ? default! : (await response.Content.ReadFromJsonAsync<T>())!;
        }

        async Task<string> ConversationAsync(string topic, int count)
        {
            var seeds = Enumerable.Range(0, Math.Min(count, ConversationInputValidator.MaxSeeds)).Select(StatementText).ToList();
            var c = await SendAsync<Made>(HttpMethod.Post, "/api/conversations", host, new { topic, seeds });
            if (count > seeds.Count)
            {
                await using var db = Open(provider);
                var now = DateTimeOffset.UtcNow;
                for (var i = seeds.Count; i < count; i++)
                    db.Statements.Add(new Statement { ConversationId = c.Id, Number = i, AuthorNumber = 0, Text = StatementText(i), Seed = true, Status = StatementStatus.Accepted, CreatedAt = now });
                await db.SaveChangesAsync();
                await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Statements, count));
            }
            return c.Slug;
        }

        // Proposals one after the other: each takes the document's next number, and parallel ones would only retry.
        async Task<(string Slug, List<(int Number, int Author)> Amendments)> DocumentAsync(string title, int count)
        {
            var doc = await SendAsync<Doc>(HttpMethod.Post, "/api/platform", host, new { title, text = Markdown });
            await SendAsync<object>(HttpMethod.Put, $"/api/platform/{doc.Id}/settings", host, new { ballotPerMille = 1, ballotMinimum = threshold });
            var planks = doc.Sections.SelectMany(s => s.Planks).ToList();
            var made = new List<(int, int)>();
            for (var k = 0; k < count; k++)
            {
                var plank = planks[k % planks.Count];
                var a = await SendAsync<Proposed>(HttpMethod.Post, $"/api/platform/{doc.Slug}/amendments", authors[k % Authors], new
                {
                    version = doc.CurrentVersion, plankKey = plank.Key, kind = "Change", title = $"Amendment {k}",
                    text = $"{plank.Body} Amendment {k} adds this sentence.", reason = "Load test.",
                });
                made.Add((a.Number, k % Authors));
            }
            return (doc.Slug, made);
        }

        var slugs = new Dictionary<string, List<string>>();
        var docs = new Dictionary<string, (string Slug, List<(int Number, int Author)> Amendments)>();
        foreach (var (phase, convs, amends) in new[] { ("w", warmConversations, warmAmendments), ("m", conversations, amendments) })
        {
            slugs[phase] = [];
            for (var k = 0; k < convs; k++) slugs[phase].Add(await ConversationAsync(Topic(tag, phase, k), statements));
            docs[phase] = await DocumentAsync(DocumentTitle(tag, phase), amends);
        }
        await ConversationAsync(Topic(tag, "raw", 0), 1);
        await DocumentAsync(DocumentTitle(tag, "raw"), 1);

        static string Numbers(IEnumerable<int> xs) => "{ " + string.Join(", ", xs) + " }";
        await File.WriteAllTextAsync(luaPath, $$"""
            tokens = {{BenchMembers.LuaList(tokens[..members])}}
            statements = {{statements}}
            conversations = { w = {{BenchMembers.LuaList(slugs["w"])}}, m = {{BenchMembers.LuaList(slugs["m"])}} }
            documents = { w = "{{docs["w"].Slug}}", m = "{{docs["m"].Slug}}" }
            amendments = { w = {{Numbers(docs["w"].Amendments.Select(a => a.Number))}}, m = {{Numbers(docs["m"].Amendments.Select(a => a.Number))}} }
            own_tokens = {{BenchMembers.LuaList(docs["m"].Amendments.Select(a => authors[a.Author]))}}
            own_numbers = {{Numbers(docs["m"].Amendments.Select(a => a.Number))}}

            """);
        Console.WriteLine(tag);
    }

    private sealed record Made(Guid Id, string Slug);
    private sealed record Doc(Guid Id, string Slug, int CurrentVersion, List<DocSection> Sections);
    private sealed record DocSection(List<DocPlank> Planks);
    private sealed record DocPlank(Guid Key, string Body);
    private sealed record Proposed(int Number);

    /// <summary>
    /// One line about the phase's conversations: vote rows; rows twice for one (member, statement); members with two
    /// participant numbers in one conversation; statements whose Agrees/Disagrees/Passes/Seen differ from their rows,
    /// of how many; conversations whose Votes/Participants/Statements differ from their rows, of how many; rows whose
    /// value is neither the member's first vote nor its replacement (or by a member who is not a voter); rows holding
    /// the replacement; participants.
    /// </summary>
    public static async Task CheckVotesAsync(string provider, string tag, string phase)
    {
        await using var db = Open(provider);
        var prefix = $"Vote load {tag} {phase} ";
        var convs = await db.Conversations.AsNoTracking().Where(c => c.Topic.StartsWith(prefix)).ToListAsync();
        var ids = convs.Select(c => c.Id).ToList();
        var votes = await db.StatementVotes.AsNoTracking().Where(v => ids.Contains(v.ConversationId)).ToListAsync();
        var participants = await db.ConversationParticipants.AsNoTracking().Where(p => ids.Contains(p.ConversationId)).ToListAsync();
        var statements = await db.Statements.AsNoTracking().Where(s => ids.Contains(s.ConversationId)).ToListAsync();
        var memberIds = participants.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync();
        var voterOf = emails.Select(u => (u.Id, Match: VoterEmail().Match(u.Email!))).Where(x => x.Match.Success && x.Match.Groups[1].Value == tag)
            .ToDictionary(x => x.Id, x => int.Parse(x.Match.Groups[2].Value));
        var memberOf = participants.Where(p => p.MemberId != null).ToDictionary(p => (p.ConversationId, p.Number), p => p.MemberId!.Value);

        var participantsTwice = participants.Where(p => p.MemberId != null).GroupBy(p => (p.ConversationId, p.MemberId)).Count(g => g.Count() > 1);
        var pairTwice = votes.GroupBy(v => (v.ConversationId, memberOf.GetValueOrDefault((v.ConversationId, v.ParticipantNumber)), v.StatementNumber)).Count(g => g.Count() > 1);
        var byStatement = votes.ToLookup(v => (v.ConversationId, v.StatementNumber));
        var statementsOff = statements.Count(s =>
        {
            var rows = byStatement[(s.ConversationId, s.Number)].ToList();
            return s.Agrees != rows.Count(v => v.Value == 1) || s.Disagrees != rows.Count(v => v.Value == -1) || s.Passes != rows.Count(v => v.Value == 0) || s.Seen != rows.Count;
        });
        var conversationsOff = convs.Count(c => c.Votes != votes.Count(v => v.ConversationId == c.Id)
            || c.Participants != participants.Count(p => p.ConversationId == c.Id) || c.Statements != statements.Count(s => s.ConversationId == c.Id));
        int wrong = 0, replaced = 0;
        foreach (var v in votes)
        {
            if (!memberOf.TryGetValue((v.ConversationId, v.ParticipantNumber), out var m) || !voterOf.TryGetValue(m, out var i)) { wrong++; continue; }
            if (v.Value == Replacement(i, v.StatementNumber)) replaced++;
            else if (v.Value != FirstVote(i, v.StatementNumber)) wrong++;
        }
        Console.WriteLine($"{votes.Count} {pairTwice} {participantsTwice} {statementsOff} {statements.Count} {conversationsOff} {convs.Count} {wrong} {replaced} {participants.Count}");
    }

    [GeneratedRegex(@"^vote-(\w+)-(\d+)-[0-9a-f]{32}@bench\.invalid$")]
    private static partial Regex VoterEmail();

    /// <summary>
    /// One line about the phase's document: co-sign rows; a member twice on one amendment; authors on their own;
    /// amendments whose Cosigners differ from their rows; amendments whose status disagrees with the threshold (on
    /// the ballot iff rows ≥ threshold, BallotAt set iff on the ballot, nothing but Open or OnBallot); amendments on
    /// the ballot; amendments; the threshold; "co-signed" notices to the authors; "on the ballot" notices.
    /// </summary>
    public static async Task CheckCosignsAsync(string provider, string tag, string phase)
    {
        await using var db = Open(provider);
        var title = DocumentTitle(tag, phase);
        var doc = await db.PlatformDocuments.AsNoTracking().SingleAsync(d => d.Title == title);
        var amendments = await db.Amendments.AsNoTracking().Where(a => a.DocumentId == doc.Id).ToListAsync();
        var ids = amendments.Select(a => a.Id).ToList();
        var cosigns = await db.AmendmentCosigns.AsNoTracking().Where(c => ids.Contains(c.AmendmentId)).ToListAsync();
        // As MovementSize counts (the app reads it at most every 5 minutes: votes.sh sets a minimum far above the share).
        var movement = await db.Users.LongCountAsync(u => u.DeletedAt == null && u.EmailConfirmed);
        var threshold = PlatformRules.BallotThreshold(doc.BallotPerMille, doc.BallotMinimum, movement);
        var rows = cosigns.ToLookup(c => c.AmendmentId);
        var twice = cosigns.GroupBy(c => (c.AmendmentId, c.MemberId)).Count(g => g.Count() > 1);
        var own = amendments.Sum(a => rows[a.Id].Count(c => c.MemberId == a.AuthorId));
        var counterOff = amendments.Count(a => a.Cosigners != rows[a.Id].Count());
        var statusOff = amendments.Count(a => a.Status is not (AmendmentStatus.Open or AmendmentStatus.OnBallot)
            || (a.Status == AmendmentStatus.OnBallot) != (rows[a.Id].Count() >= threshold) || (a.BallotAt != null) != (a.Status == AmendmentStatus.OnBallot));
        var onBallot = amendments.Count(a => a.Status == AmendmentStatus.OnBallot);
        var links = $"/platform/{doc.Slug}/amendments/";
        var cosigned = await db.Notices.CountAsync(n => n.Kind == NoticeKind.AmendmentCosigned && n.Link.StartsWith(links));
        var decided = await db.Notices.CountAsync(n => n.Kind == NoticeKind.AmendmentDecided && n.Link.StartsWith(links));
        Console.WriteLine($"{cosigns.Count} {twice} {own} {counterOff} {statusOff} {onBallot} {amendments.Count} {threshold} {cosigned} {decided}");
    }

    /// <summary>Raw single-row INSERTs into statement_votes (one autocommit INSERT each, every column a vote fills) on the tag's raw conversation.</summary>
    public static async Task RawVotesAsync(string provider, string tag, int seconds, int concurrency)
    {
        Guid conversation;
        await using (var db = Open(provider))
        {
            var topic = Topic(tag, "raw", 0);
            conversation = await db.Conversations.Where(c => c.Topic == topic).Select(c => c.Id).SingleAsync();
        }
        var rate = await RawInsertsAsync(provider, seconds, concurrency,
            """INSERT INTO statement_votes ("ConversationId", "ParticipantNumber", "StatementNumber", "Value", "At") VALUES (@p0, @p1, 0, 1, @p2)""",
            (n, key, time) => [key(conversation), (int)n, time(DateTimeOffset.UtcNow)]);
        Console.WriteLine($"{rate:F1}");
    }

    /// <summary>Raw single-row INSERTs into platform_cosigns (one autocommit INSERT each, every column a co-sign fills) on the tag's raw amendment.</summary>
    public static async Task RawCosignsAsync(string provider, string tag, int seconds, int concurrency)
    {
        Guid amendment;
        await using (var db = Open(provider))
        {
            var title = DocumentTitle(tag, "raw");
            amendment = await db.Amendments.Where(a => db.PlatformDocuments.Any(d => d.Id == a.DocumentId && d.Title == title)).Select(a => a.Id).SingleAsync();
        }
        var rate = await RawInsertsAsync(provider, seconds, concurrency,
            """INSERT INTO platform_cosigns ("AmendmentId", "MemberId", "At", "Revision") VALUES (@p0, @p1, @p2, 1)""",
            (_, key, time) => [key(amendment), key(Guid.CreateVersion7()), time(DateTimeOffset.UtcNow)]);
        Console.WriteLine($"{rate:F1}");
    }

    /// <summary>
    /// <paramref name="concurrency"/> connections each inserting one row per statement (autocommit) for
    /// <paramref name="seconds"/>; rows per second. <paramref name="row"/> gives the parameters @p0… of row n, turning
    /// Guids and times into what the provider stores (SQLite as the app stores them: Guids as upper-case text,
    /// times as a sortable 64-bit number). SQLite connections get the app's own pragmas (SqlitePragmas).
    /// </summary>
    private static Task<double> RawInsertsAsync(string provider, int seconds, int concurrency, string sql,
        Func<long, Func<Guid, object>, Func<DateTimeOffset, object>, object[]> row) =>
        RawInsertsAsync(provider, SqlitePath, PostgresDatabase, seconds, concurrency, sql, row);

    /// <summary>The same, into another bench database.</summary>
    internal static async Task<double> RawInsertsAsync(string provider, string sqlitePath, string postgresDatabase, int seconds, int concurrency, string sql,
        Func<long, Func<Guid, object>, Func<DateTimeOffset, object>, object[]> row)
    {
        var toBinary = new DateTimeOffsetToBinaryConverter();
        Func<Guid, object> key = provider == "Postgres" ? g => g : g => g.ToString().ToUpperInvariant();
        Func<DateTimeOffset, object> time = provider == "Postgres" ? t => t : t => toBinary.ConvertToProvider(t)!;
        await using var pg = provider == "Postgres"
            ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer) { Database = postgresDatabase, MaxPoolSize = concurrency + 5 }.ToString())
            : null;
        var sequence = 0L;
        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using DbConnection conn = pg is not null ? await pg.OpenConnectionAsync() : new SqliteConnection($"Data Source={sqlitePath};Pooling=true;Default Timeout=30");
            if (pg is null)
            {
                await conn.OpenAsync();
                await using var pragma = conn.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync();
            }
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var prepared = false;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var values = row(Interlocked.Increment(ref sequence), key, time);
                for (var i = 0; i < values.Length; i++)
                {
                    if (cmd.Parameters.Count <= i)
                    {
                        var p = cmd.CreateParameter();
                        p.ParameterName = $"@p{i}";
                        cmd.Parameters.Add(p);
                    }
                    cmd.Parameters[i].Value = values[i];
                }
                if (!prepared && pg is not null) { await cmd.PrepareAsync(); prepared = true; }
                await cmd.ExecuteNonQueryAsync();
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }
}
