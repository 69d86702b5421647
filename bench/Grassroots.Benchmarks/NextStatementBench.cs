using System.Diagnostics;
using Grassroots.Features.Conversations;
using Grassroots.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grassroots.Benchmarks;

/// <summary>
/// The next statement to vote on (issue 15: p50 &lt; 5 ms with 2,000 statements), through the app's own
/// Deliberating.NextAsync on a conversation of 2,000 statements, 10,000 participants and 1,000,000 votes, for a
/// participant who voted on none, half, and all but ten of them; against reading one statement by its key in the same run.
/// </summary>
public static class NextStatementBench
{
    private const int Statements = 2_000, Participants = 10_000, VotesEach = 100;
    private static readonly Guid Conversation = Guid.Parse("0192f000-0000-7000-8000-000000000015");

    private static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-next-bench.db");
    private const string PostgresDatabase = "grassroots_next_bench";

    private static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    public static async Task RunAsync(string provider, int iterations, TextWriter report)
    {
        var (member0, memberHalf, memberAlmost) = await EnsureAsync(provider);
        await using var db = Open(provider);
        // Only the database is used by NextAsync; the rest of the use case's services stay unset.
        var deliberating = new Deliberating(db, null!, null!, null!, null!, TimeProvider.System, Options.Create(new ConversationsOptions()), null!, null!, null!, null!);
        var cases = new (string Name, Func<Task> Run)[]
        {
            ("one statement by its key (baseline)", async () =>
            {
                var number = Random.Shared.Next(Statements);
                await db.Statements.AsNoTracking().SingleAsync(s => s.ConversationId == Conversation && s.Number == number);
            }),
            ("next statement, voted on none", async () => await deliberating.NextAsync(Conversation, member0, default)),
            ($"next statement, voted on {Statements / 2:N0}", async () => await deliberating.NextAsync(Conversation, memberHalf, default)),
            ($"next statement, voted on {Statements - 10:N0}", async () => await deliberating.NextAsync(Conversation, memberAlmost, default)),
        };
        report.WriteLine($"| {provider} | p50 ms | p99 ms | mean ms | × baseline (p50) |");
        report.WriteLine("| --- | --- | --- | --- | --- |");
        double? baseline = null;
        foreach (var (name, run) in cases)
        {
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(3)) await run();
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.GetTimestamp();
                await run();
                times[i] = Stopwatch.GetElapsedTime(sw).TotalMilliseconds;
            }
            Array.Sort(times);
            var p50 = times[iterations / 2];
            baseline ??= p50;
            report.WriteLine($"| {name} | {p50:F3} | {times[(int)(iterations * 0.99)]:F3} | {times.Average():F3} | {p50 / baseline:F1} |");
        }
    }

    /// <summary>Makes the conversation once (votes by the app's migrations' schema, inserted in bulk); returns three members.</summary>
    private static async Task<(Guid None, Guid Half, Guid Almost)> EnsureAsync(string provider)
    {
        var members = (Guid.Parse("0192f000-0000-7000-8000-0000000000a0"), Guid.Parse("0192f000-0000-7000-8000-0000000000a1"), Guid.Parse("0192f000-0000-7000-8000-0000000000a2"));
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(BenchDatabase.PostgresServer);
            await conn.OpenAsync();
            if (await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PostgresDatabase}'", conn).ExecuteScalarAsync() is null)
                await new NpgsqlCommand($"CREATE DATABASE {PostgresDatabase}", conn).ExecuteNonQueryAsync();
        }
        await using var db = Open(provider);
        await db.Database.MigrateAsync();
        if (await db.Conversations.AnyAsync(c => c.Id == Conversation)) return members;
        Console.WriteLine($"Seeding {provider}: {Statements:N0} statements, {Participants:N0} participants, {Participants * VotesEach:N0} votes …");
        var now = DateTimeOffset.UtcNow;
        var rng = new Random(15);
        var votes = new List<StatementVote>(Participants * VotesEach + 3_000);
        var seen = new int[Statements];
        var order = Enumerable.Range(0, Statements).ToArray();
        for (var p = 3; p < Participants; p++)
        {
            for (var i = 0; i < VotesEach; i++) { var j = rng.Next(i, Statements); (order[i], order[j]) = (order[j], order[i]); }
            for (var i = 0; i < VotesEach; i++) { votes.Add(new StatementVote { ConversationId = Conversation, ParticipantNumber = p, StatementNumber = order[i], Value = (sbyte)rng.Next(-1, 2), At = now }); seen[order[i]]++; }
        }
        // Participant 1 voted on the half with the fewest votes, participant 2 on all but ten (the fewest-voted last).
        foreach (var (participant, count) in new[] { (1, Statements / 2), (2, Statements - 10) })
            foreach (var s in Enumerable.Range(0, Statements).OrderBy(s => seen[s]).Take(count).ToList())
            {
                votes.Add(new StatementVote { ConversationId = Conversation, ParticipantNumber = participant, StatementNumber = s, Value = 1, At = now });
                seen[s]++;
            }
        db.Conversations.Add(new Conversation
        {
            Id = Conversation, Slug = "next-bench", Topic = "Next statement bench", CreatedById = members.Item1, CreatedAt = now,
            Participants = Participants, Statements = Statements, Votes = votes.Count,
        });
        db.ConversationParticipants.AddRange(
            new ConversationParticipant { ConversationId = Conversation, Number = 0, MemberId = members.Item1, JoinedAt = now },
            new ConversationParticipant { ConversationId = Conversation, Number = 1, MemberId = members.Item2, JoinedAt = now },
            new ConversationParticipant { ConversationId = Conversation, Number = 2, MemberId = members.Item3, JoinedAt = now });
        db.Statements.AddRange(Enumerable.Range(0, Statements).Select(s => new Statement
        {
            ConversationId = Conversation, Number = s, AuthorNumber = 3 + s, Text = $"Statement {s}", Status = StatementStatus.Accepted, CreatedAt = now, Agrees = seen[s], Seen = seen[s],
        }));
        await db.SaveChangesAsync();
        if (provider == "Sqlite")
        {
            await using var conn = new SqliteConnection($"Data Source={SqlitePath}");
            await conn.OpenAsync();
            await using var tx = conn.BeginTransaction();
            var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO statement_votes (\"ConversationId\", \"ParticipantNumber\", \"StatementNumber\", \"Value\", \"At\") VALUES ($c, $p, $s, $v, $a)";
            var (c, pp, s, v, a) = (cmd.Parameters.Add("$c", SqliteType.Text), cmd.Parameters.Add("$p", SqliteType.Integer), cmd.Parameters.Add("$s", SqliteType.Integer), cmd.Parameters.Add("$v", SqliteType.Integer), cmd.Parameters.Add("$a", SqliteType.Text));
            c.Value = Conversation.ToString().ToUpperInvariant();
            a.Value = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz");
            foreach (var vote in votes) { pp.Value = vote.ParticipantNumber; s.Value = vote.StatementNumber; v.Value = (int)vote.Value; await cmd.ExecuteNonQueryAsync(); }
            await tx.CommitAsync();
            await new SqliteCommand("ANALYZE", conn).ExecuteNonQueryAsync();
        }
        else
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer) { Database = PostgresDatabase }.ToString());
            await conn.OpenAsync();
            await using (var writer = await conn.BeginBinaryImportAsync("COPY statement_votes (\"ConversationId\", \"ParticipantNumber\", \"StatementNumber\", \"Value\", \"At\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var vote in votes)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Conversation, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await writer.WriteAsync(vote.ParticipantNumber, NpgsqlTypes.NpgsqlDbType.Integer);
                    await writer.WriteAsync(vote.StatementNumber, NpgsqlTypes.NpgsqlDbType.Integer);
                    await writer.WriteAsync((short)vote.Value, NpgsqlTypes.NpgsqlDbType.Smallint);
                    await writer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                }
                await writer.CompleteAsync();
            }
            await new NpgsqlCommand("VACUUM ANALYZE", conn).ExecuteNonQueryAsync();
        }
        return members;
    }
}
