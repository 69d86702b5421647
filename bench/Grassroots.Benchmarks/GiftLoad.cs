using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Benchmarks;

/// <summary>
/// The gift load test (bench/gifts.sh): members signed up through the running app and signed in, each giving $1
/// gifts to the central fund under keys of their own; afterwards the stored gifts against the answers wrk saw, the
/// processor's charges against the booked gifts, and the books' check. Raw inserts into the same gifts table are
/// the database's own ceiling, measured in the same run.
/// </summary>
public static class GiftLoad
{
    public const string PostgresDatabase = "grassroots_gift_bench";
    public static string SqlitePath => Path.Combine(Path.GetTempPath(), "grassroots-gift-bench.db");

    public static AppDbContext Open(string provider) => BenchDatabase.Open(provider, SqlitePath, PostgresDatabase);

    public static Task EnsureAsync(string provider) => BenchDatabase.MigrateAsync(provider, PostgresDatabase, () => Open(provider));

    /// <summary>Signs up <paramref name="members"/> donors; writes their tokens one per line, and the wrk script's data.</summary>
    public static async Task SetupAsync(string provider, string baseUrl, int members, string tag, string tokensPath, string luaPath)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var (_, tokens) = await BenchMembers.SignUpAsync(http, () => Open(provider), members, $"gift-{tag}-");
        await File.WriteAllLinesAsync(tokensPath, tokens);
        await File.WriteAllTextAsync(luaPath, $"tokens_file = \"{tokensPath}\"\nkey_prefix = \"{tag}\"\n");
        Console.WriteLine(members);
    }

    /// <summary>
    /// Prints: gifts charged, gifts still charging, declined or failed, ledger entries for gifts, processor charges
    /// that succeeded, whether the books balance (every entry and all lines), the cents charged and the cents in cash.
    /// </summary>
    public static async Task CheckAsync(string provider)
    {
        await using var db = Open(provider);
        // Not the raw-insert baseline's rows (keys "raw-…"): only gifts the app took.
        var gifts = db.Gifts.Where(g => !g.IdempotencyKey.StartsWith("raw-"));
        var charged = await gifts.CountAsync(g => g.Status == GiftStatus.Charged);
        var open = await gifts.CountAsync(g => g.Status == GiftStatus.Charging);
        var other = await gifts.CountAsync(g => g.Status == GiftStatus.Declined || g.Status == GiftStatus.Failed);
        var entries = await db.LedgerEntries.CountAsync(e => e.Kind == "gift");
        var charges = await db.TestCharges.CountAsync(c => c.Outcome == ChargeOutcome.Succeeded);
        var check = await new Books(db).CheckAsync(CancellationToken.None);
        var cents = await gifts.Where(g => g.Status == GiftStatus.Charged).SumAsync(g => (long?)g.Cents) ?? 0;
        var cash = await new Books(db).BalanceAsync(FundAccounts.Cash, CancellationToken.None);
        Console.WriteLine($"{charged} {open} {other} {entries} {charges} {(check.Balanced ? "balanced" : "UNBALANCED")} {cents} {cash}");
    }

    /// <summary>Raw single-row INSERTs into gifts (every column a gift fills, autocommit), for one bench donor.</summary>
    public static async Task RawInsertsAsync(string provider, int seconds, int concurrency)
    {
        Guid donor;
        await using (var db = Open(provider))
            donor = await db.Users.Where(u => u.Email!.StartsWith("gift-")).Select(u => u.Id).FirstAsync();
        var rate = await VoteLoad.RawInsertsAsync(provider, SqlitePath, PostgresDatabase, seconds, concurrency,
            """
            INSERT INTO gifts ("Id", "DonorId", "Cents", "Status", "IdempotencyKey", "RefundedCents", "CreatedAt", "Year", "Election", "DonorName", "Street", "City", "State", "Zip", "Employer", "Occupation", "Culture", "CardLast4")
            VALUES (@p0, @p1, 100, 1, @p2, 0, @p3, 2026, '2026', 'Load Donor', '1 Main St', 'Philadelphia', 'PA', '19107', 'Acme', 'Welder', 'en', '4242')
            """,
            (n, key, time) => [key(Guid.CreateVersion7()), key(donor), $"raw-{Guid.NewGuid():N}", time(DateTimeOffset.UtcNow)]);
        Console.WriteLine($"{rate:F1}");
    }
}
