using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Monthly;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

// The SQL below is built from numbers and the model's own column names, never from input: EF1002 does not apply.
#pragma warning disable EF1002

namespace Grassroots.Benchmarks;

/// <summary>
/// The monthly run at scale (bench/monthly.sh): COUNT members, each with a $10 monthly gift to the central fund that
/// is due now, made in bulk (a template member cloned in SQL, then the monthly gifts); the app's own MonthlyRun then
/// charges them through the whole path, and the check counts what it did: one charged gift per monthly gift, none
/// twice, nothing left due, the books balanced.
/// </summary>
public static class MonthlyLoad
{
    public const string PostgresDatabase = "grassroots_monthly_bench";
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-monthly-bench.db");

    private static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    public static async Task SeedAsync(string provider, int count)
    {
        if (provider == "Sqlite") foreach (var f in new[] { "", "-wal", "-shm" }) File.Delete(SqlitePath + f);
        else
        {
            await using var server = new Npgsql.NpgsqlConnection(BenchDatabase.PostgresServer);
            await server.OpenAsync();
            await new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", server).ExecuteNonQueryAsync();
        }
        await BenchDatabase.MigrateAsync(provider, PostgresDatabase, () => Open(provider));
        await using var db = Open(provider);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var now = DateTimeOffset.UtcNow;
        var template = new Member
        {
            UserName = "template@bench.invalid", NormalizedUserName = "TEMPLATE@BENCH.INVALID", Email = "template@bench.invalid", NormalizedEmail = "TEMPLATE@BENCH.INVALID",
            EmailConfirmed = true, DisplayName = "Monthly Donor", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(template);
        await db.SaveChangesAsync();

        // Clone the template COUNT times: every column copied but the id and the addresses.
        var users = db.Model.FindEntityType(typeof(Member))!;
        var table = users.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, users.GetSchema());
        var columns = users.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>().Distinct().ToList();
        var sqlite = provider == "Sqlite";
        string Id(string n) => sqlite ? $"printf('0192F000-0000-7000-8000-%012X', {n})" : $"('0192f000-0000-7000-8000-' || lpad(to_hex({n}), 12, '0'))::uuid";
        string Value(string c) => c switch
        {
            "Id" => Id("n.i"),
            "UserName" or "Email" => "'monthly' || n.i || '@bench.invalid'",
            "NormalizedUserName" or "NormalizedEmail" => "'MONTHLY' || n.i || '@BENCH.INVALID'",
            _ => $"t.\"{c}\"",
        };
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(Value));
        var numbers = sqlite ? $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) " : "";
        var from = sqlite ? "n" : $"generate_series(1, {count}) AS n(i)";
        await db.Database.ExecuteSqlRawAsync($"{numbers}INSERT INTO \"{table}\" ({list}) SELECT {values} FROM {from}, \"{table}\" t WHERE t.\"Id\" = {{0}}", template.Id);

        // One monthly gift each, $10 to the fund, started a month ago and due a minute ago.
        var started = now.AddMonths(-1).AddMinutes(-1);
        var due = now.AddMinutes(-1);
        string Time(DateTimeOffset at) => sqlite ? ((long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!).ToString()
            : $"'{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz";
        var monthlyId = sqlite ? "printf('0192F000-0017-7000-8000-%012X', n.i)" : "('0192f000-0017-7000-8000-' || lpad(to_hex(n.i), 12, '0'))::uuid";
        await db.Database.ExecuteSqlRawAsync($"""
            {numbers}INSERT INTO monthly_gifts ("Id", "DonorId", "Cents", "Status", "StartedAt", "TimeZone", "Months", "NextDueAt", "Declines", "PaymentToken", "CardLast4",
                "DonorName", "Street", "City", "State", "Zip", "Culture")
            SELECT {monthlyId}, {Id("n.i")}, 1000, 0, {Time(started)}, 'America/New_York', 1, {Time(due)}, 0, 'tok_visa', '4242',
                'Monthly Donor ' || n.i, '1 Main St', 'Philadelphia', 'PA', '19107', 'en'
            FROM {from}
            """);
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO monthly_splits ("MonthlyGiftId", "Account", "Cents") SELECT "Id", 'fund', 1000 FROM monthly_gifts""");
        // Their first month was given when they started: what it counts toward the year's limit is on their totals, as it would be.
        await db.Database.ExecuteSqlRawAsync($"""INSERT INTO donor_totals ("DonorId", "Account", "Period", "Cents") SELECT "DonorId", 'fund', '{started.UtcDateTime.Year}', 1000 FROM monthly_gifts""");
        Console.WriteLine($"{await db.MonthlyGifts.CountAsync()} monthly gifts due");
    }

    /// <summary>Prints: monthly gifts still due, gifts charged for them, monthly gifts charged more than once, other gifts, books balanced, cents.</summary>
    public static async Task CheckAsync(string provider)
    {
        await using var db = Open(provider);
        var now = DateTimeOffset.UtcNow;
        var due = await db.MonthlyGifts.CountAsync(m => m.Status == MonthlyStatus.Active && m.NextDueAt <= now);
        var charged = await db.Gifts.CountAsync(g => g.MonthlyGiftId != null && g.Status == GiftStatus.Charged);
        var twice = await db.Gifts.Where(g => g.MonthlyGiftId != null).GroupBy(g => g.MonthlyGiftId).CountAsync(g => g.Count() > 1);
        var other = await db.Gifts.CountAsync(g => g.MonthlyGiftId != null && g.Status != GiftStatus.Charged);
        var check = await new Books(db).CheckAsync(CancellationToken.None);
        var cash = await new Books(db).BalanceAsync(FundAccounts.Cash, CancellationToken.None);
        Console.WriteLine($"{due} {charged} {twice} {other} {(check.Balanced ? "balanced" : "UNBALANCED")} {cash}");
    }

    /// <summary>Raw single-row INSERTs into gifts of the same database, for one bench donor: the database's own ceiling.</summary>
    public static async Task RawInsertsAsync(string provider, int seconds, int concurrency)
    {
        Guid donor;
        await using (var db = Open(provider))
            donor = await db.MonthlyGifts.Select(m => m.DonorId).FirstAsync();
        var rate = await VoteLoad.RawInsertsAsync(provider, SqlitePath, PostgresDatabase, seconds, concurrency,
            """
            INSERT INTO gifts ("Id", "DonorId", "Cents", "Status", "IdempotencyKey", "RefundedCents", "CreatedAt", "Year", "Election", "DonorName", "Street", "City", "State", "Zip", "Employer", "Occupation", "Culture", "CardLast4")
            VALUES (@p0, @p1, 100, 1, @p2, 0, @p3, 2026, '2026', 'Load Donor', '1 Main St', 'Philadelphia', 'PA', '19107', 'Acme', 'Welder', 'en', '4242')
            """,
            (n, key, time) => [key(Guid.CreateVersion7()), key(donor), $"raw-{Guid.NewGuid():N}", time(DateTimeOffset.UtcNow)]);
        Console.WriteLine($"{rate:F1}");
    }
}
