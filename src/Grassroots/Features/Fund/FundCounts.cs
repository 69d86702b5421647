using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>
/// How many gifts the fund received and from how many people, for its public page. Counting them scans the gifts
/// (5 s on SQLite, over 30 s on PostgreSQL on a small machine at six million gifts), so it is done here in the
/// background at start and every <see cref="Every"/>, never while a visitor waits. A fund with fewer than
/// <see cref="CheapGifts"/> gifts (counted in milliseconds) is counted by the page itself, at most every
/// <see cref="Fresh"/>: a new install's page shows its first gifts at once.
/// </summary>
public sealed class FundCounts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FundCounts> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1), Fresh = TimeSpan.FromSeconds(10);
    public const long CheapGifts = 100_000;
    private volatile Counts? latest;

    public sealed record Counts(long Gifts, long Donors, DateTimeOffset At);

    public async Task<Counts> LatestAsync(AppDbContext db, CancellationToken ct)
    {
        var known = latest;
        if (known is not null && (known.Gifts >= CheapGifts || clock.GetUtcNow() - known.At < Fresh)) return known;
        return latest = await CountAsync(db, ct);
    }

    /// <summary>A gift settled or was refunded: a small fund's next page counts again (a large one waits for the hour).</summary>
    public void Changed()
    {
        if (latest is { Gifts: < CheapGifts }) latest = null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                latest = await CountAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Counting the fund's gifts failed; trying again later"); }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<Counts> CountAsync(AppDbContext db, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        return new(await db.Gifts.LongCountAsync(g => g.Status == GiftStatus.Charged || g.Status == GiftStatus.Refunded, ct),
            await db.Gifts.Where(g => g.Status == GiftStatus.Charged).Select(g => g.DonorId).Distinct().LongCountAsync(ct), clock.GetUtcNow());
    }
}
