using Grassroots.Features.Fund.Payments;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund;

/// <summary>
/// Settles the gifts a crash (or a processor that never answered) left "charging": at start and then every
/// <see cref="FundOptions.RecoveryInterval"/>, each gift charging for longer than <see cref="FundOptions.RecoverAfter"/>
/// is settled from what the processor says of its key. Charged there: into the books, with the receipt. Never seen
/// there: failed, nothing was charged, the room under the limits comes back. Never lost, never doubled: the
/// processor charged the key at most once and the settle is a conditional UPDATE.
/// </summary>
public sealed class GiftRecovery(IServiceScopeFactory scopes, IOptions<FundOptions> options, TimeProvider clock, ILogger<GiftRecovery> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, clock);
        do
        {
            try { await RecoverAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogError(e, "Settling interrupted gifts failed; trying again later"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Settles what is stuck now; returns how many gifts it settled.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var processor = scope.ServiceProvider.GetRequiredService<IPaymentProcessor>();
        var settling = scope.ServiceProvider.GetRequiredService<Settling>();
        var before = clock.GetUtcNow() - options.Value.RecoverAfter;
        var settled = 0;
        while (true)
        {
            var stuck = await db.Gifts.AsNoTracking().Where(g => g.Status == GiftStatus.Charging && g.CreatedAt <= before)
                .OrderBy(g => g.CreatedAt).Select(g => g.Id).Take(100).ToListAsync(ct);
            if (stuck.Count == 0) return settled;
            foreach (var id in stuck)
            {
                var result = await processor.FindAsync(Gift.KeyFor(id), ct)
                    ?? new ChargeResult(ChargeOutcome.Failed, Reason: "never_charged");
                await settling.SettleAsync(id, result, ct);
                log.LogInformation("Settled interrupted gift {Gift}: {Outcome}", id, result.Outcome);
                settled++;
            }
        }
    }
}
