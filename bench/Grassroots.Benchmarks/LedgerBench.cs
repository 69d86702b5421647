using System.Diagnostics;
using Grassroots.Accounting.Ledger;
using Grassroots.Features.Candidates;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Grassroots.Benchmarks;

/// <summary>
/// Issue 17's ledger at scale: 6,000,000 charged gifts from 500,000 donors (45% to the central fund, 5% to one
/// candidate everybody gives to, 50% spread over 499 more), each with its split, its balanced journal entry (two
/// lines) and the donors' totals, bulk-loaded once through the app's own schema. Then, through the app's own code:
/// a candidate's balance (Books.HeldAsync, what every page shows) and a page of their itemized receipts
/// (ItemizedReceipts.PageAsync, the treasurers' Schedule A page: count, 50 rows, name, balance), for the big candidate
/// and a typical one; against reading one gift by its key in the same run.
/// </summary>
public static class LedgerBench
{
    private const int Gifts = 6_000_000, Donors = 500_000, Candidates = 500;
    private static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-ledger-bench.db");
    private const string PostgresDatabase = "grassroots_ledger_bench";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    private static Guid DonorId(int i) => new($"0192f000-0000-7000-8000-{i:x12}");
    private static Guid CandidateId(int i) => new($"0192f000-0017-7000-8000-{i:x12}");
    private static string Account(int recipient) => recipient < 0 ? FundAccounts.Fund : FundAccounts.Candidate(CandidateId(recipient));

    public static async Task RunAsync(string provider, int iterations, TextWriter report)
    {
        await EnsureAsync(provider);
        await CheckpointAsync(provider);
        await using var db = Open(provider);
        var books = new Books(db);
        var options = Options.Create(new FundOptions());
        var receipts = new ItemizedReceipts(db, books, null!, null!, options, new NoLocalizer());
        var (big, typical) = (Account(0), Account(250));
        var fundCounts = new FundCounts(null!, TimeProvider.System, null!);
        var reports = new FundReports(db, books, null!, null!, fundCounts, new NoLocalizer());
        var someGift = await db.Gifts.AsNoTracking().OrderBy(g => g.Id).Skip(Gifts / 2).Select(g => g.Id).FirstAsync();
        var counts = new Dictionary<string, int>
        {
            [big] = await db.GiftSplits.CountAsync(s => s.Account == big),
            [typical] = await db.GiftSplits.CountAsync(s => s.Account == typical),
        };
        report.WriteLine($"{provider}: {await db.Gifts.CountAsync():N0} gifts, {await db.LedgerLines.CountAsync():N0} ledger lines; " +
            $"the big candidate has {counts[big]:N0} gifts, the typical one {counts[typical]:N0}");
        // The cursor of page 100 (the treasurer clicked "Older" 99 times).
        Guid? deep = null;
        for (var page = 1; page < 100; page++) deep = (await receipts.PageAsync("b", big, deep, 50, default)).Older;
        var cases = new (string Name, Func<Task> Run)[]
        {
            ("one gift by its key (baseline)", async () => await db.Gifts.AsNoTracking().SingleAsync(g => g.Id == someGift)),
            ("balance, typical candidate", async () => await books.HeldAsync([typical], default)),
            ("balance, big candidate", async () => await books.HeldAsync([big], default)),
            ("balance, the central fund", async () => await books.HeldAsync([FundAccounts.Fund], default)),
            ("the fund's public totals (every view)", async () => await reports.TotalsAsync(default)),
            ("the fund's counts of gifts and donors (in the background, hourly)", async () => await fundCounts.CountAsync(db, default)),
            ("itemized page 1, typical candidate", async () => await receipts.PageAsync("t", typical, null, 50, default)),
            ("itemized page 1, big candidate", async () => await receipts.PageAsync("b", big, null, 50, default)),
            ("itemized, 100 pages back, big candidate", async () => await receipts.PageAsync("b", big, deep, 50, default)),
        };
        report.WriteLine($"| {provider} | p50 ms | p99 ms | mean ms | × baseline (p50) |");
        report.WriteLine("| --- | --- | --- | --- | --- |");
        double? baseline = null;
        foreach (var (name, run) in cases)
        {
            var warm = Stopwatch.StartNew();
            var n = 0;
            while (warm.Elapsed < TimeSpan.FromSeconds(3) || n < 3) { await run(); n++; }
            // The slow cases get fewer runs: the budget is about 30 s each.
            var runs = Math.Max(5, Math.Min(iterations, (int)(n * 10)));
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.GetTimestamp();
                await run();
                times[i] = Stopwatch.GetElapsedTime(sw).TotalMilliseconds;
            }
            Array.Sort(times);
            var p50 = times[runs / 2];
            baseline ??= p50;
            report.WriteLine($"| {name} | {p50:F2} | {times[(int)(runs * 0.99)]:F2} | {times.Average():F2} | {p50 / baseline:F0} |");
        }
    }

    /// <summary>
    /// The balances' checkpoint as the app keeps it (BalanceCheckpoints, twice: the first run notes the newest line, the
    /// second counts up to it), then 10,000 more gifts' lines after it, about what arrives between two runs at the
    /// gift POST's measured rate: a balance is read as the checkpoint plus that tail.
    /// </summary>
    private static async Task CheckpointAsync(string provider)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging()
            .AddScoped<AppDbContext>(_ => Open(provider))
            .AddSingleton<GroupCommit>()
            .BuildServiceProvider();
        var checkpoints = new BalanceCheckpoints(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new FundOptions()), TimeProvider.System,
            services.GetRequiredService<ILogger<BalanceCheckpoints>>());
        await using (var db = Open(provider))
            if (await db.BalanceCheckpoints.AnyAsync(c => c.Account == BalanceCheckpoint.Watermark && c.UpTo > 0)) return;
        var sw = Stopwatch.StartNew();
        await checkpoints.RunAsync(default);
        await checkpoints.RunAsync(default);
        Console.WriteLine($"Checkpoint of every account counted in {sw.Elapsed.TotalSeconds:F1} s");
        await using (var db = Open(provider))
        {
            var rng = new Random(18);
            for (var i = 0; i < 10_000; i++)
            {
                var account = Account(rng.Next(100) < 45 ? -1 : rng.Next(Candidates));
                Books.Write(db, DateTimeOffset.UtcNow, "gift", new JournalEntry([new(FundAccounts.Cash, Side.Debit, 2700), new(account, Side.Credit, 2700)]));
                if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
        }
    }

    private sealed class NoLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(name, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private readonly record struct Row(Guid Id, int Donor, long Cents, int Recipient, DateTimeOffset At);

    /// <summary>The gifts, the same every time (seeded): donor, amount, recipient (-1: the fund), time.</summary>
    private static IEnumerable<Row> Rows()
    {
        var rng = new Random(17);
        long[] amounts = [500, 1000, 2700, 2700, 2700, 2700, 5000, 10000, 25000];
        for (var i = 0; i < Gifts; i++)
        {
            var roll = rng.Next(100);
            var recipient = roll < 45 ? -1 : roll < 50 ? 0 : 1 + rng.Next(Candidates - 1);
            var at = Start.AddSeconds(i * 4L);     // 6M gifts, one every 4 s: most of 2026
            yield return new Row(Guid.CreateVersion7(at), rng.Next(Donors), amounts[rng.Next(amounts.Length)], recipient, at);
        }
    }

    private static async Task EnsureAsync(string provider)
    {
        if (provider == "Postgres")
        {
            await using var server = new NpgsqlConnection(BenchDatabase.PostgresServer);
            await server.OpenAsync();
            if (await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PostgresDatabase}'", server).ExecuteScalarAsync() is null)
                await new NpgsqlCommand($"CREATE DATABASE {PostgresDatabase}", server).ExecuteNonQueryAsync();
        }
        await using var db = Open(provider);
        await db.Database.MigrateAsync();
        if (await db.Gifts.AnyAsync()) return;
        var sw = Stopwatch.StartNew();
        Console.WriteLine($"Seeding {provider}: {Gifts:N0} gifts, {Donors:N0} donors, {Candidates} candidates …");
        var office = new Office { Level = OfficeLevel.Federal, Kind = OfficeKind.House, Name = "House WA-07 (bench)", State = "WA", District = "07", CreatedAt = Start };
        db.Offices.Add(office);
        for (var c = 0; c < Candidates; c++)
            db.Candidacies.Add(new Candidacy { Id = CandidateId(c), OfficeId = office.Id, Name = $"Candidate {c}", Stage = Stage.Endorsed, StageAt = Start, NominatedAt = Start, NominatedById = DonorId(0) });
        await db.SaveChangesAsync();
        if (provider == "Sqlite") await SeedSqliteAsync(); else await SeedPostgresAsync();
        Console.WriteLine($"Seeded in {sw.Elapsed.TotalSeconds:F0} s");
    }

    private const string TotalsSql = """
        INSERT INTO donor_totals ("DonorId", "Account", "Period", "Cents")
        SELECT g."DonorId", s."Account", CASE WHEN s."Account" = 'fund' THEN {0} ELSE g."Election" END, SUM(s."Cents")
        FROM gift_splits s JOIN gifts g ON g."Id" = s."GiftId" GROUP BY g."DonorId", s."Account", CASE WHEN s."Account" = 'fund' THEN {0} ELSE g."Election" END
        """;

    // The app keeps SQLite's times as sortable numbers (SqliteAppDbContext's converter): the same here.
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter Times = new();
    private static long ToBinary(DateTimeOffset at) => (long)Times.ConvertToProvider(at)!;

    private static async Task SeedSqliteAsync()
    {
        await using var conn = new SqliteConnection($"Data Source={SqlitePath}");
        await conn.OpenAsync();
        foreach (var pragma in new[] { "PRAGMA foreign_keys = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1000000" })
            await new SqliteCommand(pragma, conn).ExecuteNonQueryAsync();
        var gift = conn.CreateCommand();
        gift.CommandText = """
            INSERT INTO gifts ("Id", "DonorId", "Cents", "Status", "IdempotencyKey", "RefundedCents", "CreatedAt", "SettledAt", "Year", "Election", "DonorName", "Street", "City", "State", "Zip", "Employer", "Occupation", "Culture", "CardLast4", "ChargeId")
            VALUES ($id, $donor, $cents, 1, $key, 0, $at, $at, 2026, '2026', $name, '1 Main St', 'Seattle', 'WA', '98101', 'Acme', 'Welder', 'en', '4242', $charge)
            """;
        var split = conn.CreateCommand();
        split.CommandText = """INSERT INTO gift_splits ("GiftId", "Account", "Cents", "RefundedCents") VALUES ($id, $account, $cents, 0)""";
        var entry = conn.CreateCommand();
        entry.CommandText = """INSERT INTO ledger_entries ("Id", "At", "Kind", "GiftId", "Memo") VALUES ($n, $at, 'gift', $id, $charge)""";
        var line = conn.CreateCommand();
        line.CommandText = """INSERT INTO ledger_lines ("EntryId", "Account", "Side", "Cents") VALUES ($n, $account, $side, $cents)""";
        SqliteParameter P(SqliteCommand c, string name) => c.Parameters.Add(name, SqliteType.Text);
        var (gId, gDonor, gCents, gKey, gAt, gName, gCharge) = (P(gift, "$id"), P(gift, "$donor"), P(gift, "$cents"), P(gift, "$key"), gift.Parameters.Add("$at", SqliteType.Integer), P(gift, "$name"), P(gift, "$charge"));
        var (sId, sAccount, sCents) = (P(split, "$id"), P(split, "$account"), P(split, "$cents"));
        var (eN, eAt, eId, eCharge) = (P(entry, "$n"), entry.Parameters.Add("$at", SqliteType.Integer), P(entry, "$id"), P(entry, "$charge"));
        var (lN, lAccount, lSide, lCents) = (P(line, "$n"), P(line, "$account"), P(line, "$side"), P(line, "$cents"));
        var tx = conn.BeginTransaction();
        foreach (var c in new[] { gift, split, entry, line }) c.Transaction = tx;
        long n = 0;
        foreach (var r in Rows())
        {
            n++;
            var id = r.Id.ToString().ToUpperInvariant();
            var at = ToBinary(r.At);
            var account = Account(r.Recipient);
            var charge = $"ch_bench_{n}";
            (gId.Value, gDonor.Value, gCents.Value, gKey.Value, gAt.Value, gName.Value, gCharge.Value) = (id, DonorId(r.Donor).ToString().ToUpperInvariant(), r.Cents, $"bench-{n}", at, $"Donor {r.Donor}", charge);
            await gift.ExecuteNonQueryAsync();
            (sId.Value, sAccount.Value, sCents.Value) = (id, account, r.Cents);
            await split.ExecuteNonQueryAsync();
            (eN.Value, eAt.Value, eId.Value, eCharge.Value) = (n, at, id, charge);
            await entry.ExecuteNonQueryAsync();
            (lN.Value, lAccount.Value, lSide.Value, lCents.Value) = (n, FundAccounts.Cash, (int)Side.Debit, r.Cents);
            await line.ExecuteNonQueryAsync();
            (lAccount.Value, lSide.Value) = (account, (int)Side.Credit);
            await line.ExecuteNonQueryAsync();
            if (n % 500_000 == 0)
            {
                await tx.CommitAsync();
                tx = conn.BeginTransaction();
                foreach (var c in new[] { gift, split, entry, line }) c.Transaction = tx;
                Console.WriteLine($"  {n:N0}");
            }
        }
        await tx.CommitAsync();
        await new SqliteCommand(string.Format(TotalsSql, "CAST(g.\"Year\" AS TEXT)"), conn).ExecuteNonQueryAsync();
        await new SqliteCommand("ANALYZE", conn).ExecuteNonQueryAsync();
    }

    private static async Task SeedPostgresAsync()
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(BenchDatabase.PostgresServer) { Database = PostgresDatabase }.ToString());
        await conn.OpenAsync();
        // The bulk load skips the foreign keys' triggers (the donors are not members here); the app's own writes keep them.
        await new NpgsqlCommand("SET session_replication_role = replica", conn).ExecuteNonQueryAsync();
        await using (var gifts = await conn.BeginBinaryImportAsync("""
            COPY gifts ("Id", "DonorId", "Cents", "Status", "IdempotencyKey", "RefundedCents", "CreatedAt", "SettledAt", "Year", "Election", "DonorName", "Street", "City", "State", "Zip", "Employer", "Occupation", "Culture", "CardLast4", "ChargeId") FROM STDIN (FORMAT BINARY)
            """))
        {
            long n = 0;
            foreach (var r in Rows())
            {
                n++;
                await gifts.StartRowAsync();
                await gifts.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await gifts.WriteAsync(DonorId(r.Donor), NpgsqlDbType.Uuid);
                await gifts.WriteAsync(r.Cents, NpgsqlDbType.Bigint);
                await gifts.WriteAsync(1, NpgsqlDbType.Integer);
                await gifts.WriteAsync($"bench-{n}", NpgsqlDbType.Varchar);
                await gifts.WriteAsync(0L, NpgsqlDbType.Bigint);
                await gifts.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await gifts.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await gifts.WriteAsync(2026, NpgsqlDbType.Integer);
                foreach (var text in new[] { "2026", $"Donor {r.Donor}", "1 Main St", "Seattle", "WA", "98101", "Acme", "Welder", "en", "4242", $"ch_bench_{n}" })
                    await gifts.WriteAsync(text, NpgsqlDbType.Varchar);
            }
            await gifts.CompleteAsync();
        }
        Console.WriteLine("  gifts");
        await using (var splits = await conn.BeginBinaryImportAsync("""COPY gift_splits ("GiftId", "Account", "Cents", "RefundedCents") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in Rows())
            {
                await splits.StartRowAsync();
                await splits.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await splits.WriteAsync(Account(r.Recipient), NpgsqlDbType.Varchar);
                await splits.WriteAsync(r.Cents, NpgsqlDbType.Bigint);
                await splits.WriteAsync(0L, NpgsqlDbType.Bigint);
            }
            await splits.CompleteAsync();
        }
        Console.WriteLine("  splits");
        await using (var entries = await conn.BeginBinaryImportAsync("""COPY ledger_entries ("Id", "At", "Kind", "GiftId", "Memo") FROM STDIN (FORMAT BINARY)"""))
        {
            long n = 0;
            foreach (var r in Rows())
            {
                n++;
                await entries.StartRowAsync();
                await entries.WriteAsync(n, NpgsqlDbType.Bigint);
                await entries.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                await entries.WriteAsync("gift", NpgsqlDbType.Varchar);
                await entries.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await entries.WriteAsync($"ch_bench_{n}", NpgsqlDbType.Varchar);
            }
            await entries.CompleteAsync();
        }
        Console.WriteLine("  entries");
        await using (var lines = await conn.BeginBinaryImportAsync("""COPY ledger_lines ("EntryId", "Account", "Side", "Cents") FROM STDIN (FORMAT BINARY)"""))
        {
            long n = 0;
            foreach (var r in Rows())
            {
                n++;
                foreach (var (account, side) in new[] { (FundAccounts.Cash, Side.Debit), (Account(r.Recipient), Side.Credit) })
                {
                    await lines.StartRowAsync();
                    await lines.WriteAsync(n, NpgsqlDbType.Bigint);
                    await lines.WriteAsync(account, NpgsqlDbType.Varchar);
                    await lines.WriteAsync((int)side, NpgsqlDbType.Integer);
                    await lines.WriteAsync(r.Cents, NpgsqlDbType.Bigint);
                }
            }
            await lines.CompleteAsync();
        }
        Console.WriteLine("  lines");
        // The identity columns go on from the loaded rows, as if the app had written them.
        await new NpgsqlCommand("""SELECT setval(pg_get_serial_sequence('ledger_entries', 'Id'), (SELECT max("Id") FROM ledger_entries))""", conn).ExecuteNonQueryAsync();
        await new NpgsqlCommand(string.Format(TotalsSql, "g.\"Year\"::text"), conn) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
        await new NpgsqlCommand("VACUUM ANALYZE", conn) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
    }
}
