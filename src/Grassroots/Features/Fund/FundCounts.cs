using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>
/// How many gifts the fund received and from how many people, for its public page. Counting them scans the gifts
/// (seconds at six million), so it is done here in the background every <see cref="Every"/>, never while a visitor
/// waits; until the first count is in, the page counts once itself.
/// </summary>
public sealed class FundCounts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FundCounts> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);
    private volatile Counts? latest;

    public sealed record Counts(long Gifts, long Donors, DateTimeOffset At);

    public async Task<Counts> LatestAsync(AppDbContext db, CancellationToken ct) => latest ?? (latest = await CountAsync(db, ct));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                latest = await CountAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Counting the fund's gifts failed; trying again later"); }
    }

    public async Task<Counts> CountAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.Gifts.LongCountAsync(g => g.Status == GiftStatus.Charged || g.Status == GiftStatus.Refunded, ct),
            await db.Gifts.Where(g => g.Status == GiftStatus.Charged).Select(g => g.DonorId).Distinct().LongCountAsync(ct), clock.GetUtcNow());
}
