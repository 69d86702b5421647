using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund.Monthly;

public sealed record MonthlyGiftView(Guid Id, long Cents, MonthlyStatus Status, string? Reason, IReadOnlyList<ShareView> Splits, DateTimeOffset StartedAt, string TimeZone,
    DateTimeOffset? NextDueAt, string? CardLast4, DateTimeOffset? EndedAt, int Months)
{
    public static MonthlyGiftView Of(MonthlyGift m) => new(m.Id, m.Cents, m.Status, m.Reason, m.Splits.OrderBy(s => s.Id).Select(s => new ShareView(s.Account, s.Cents, 0)).ToList(),
        m.StartedAt, m.TimeZone, m.Status == MonthlyStatus.Active ? m.NextDueAt : null, m.CardLast4, m.EndedAt, m.Months);
}

/// <summary>A donor's monthly gifts: listed for them only, and stopped by them at any time (the next month is then never charged).</summary>
public sealed class MonthlyGifts(AppDbContext db, TimeProvider clock)
{
    public async Task<Page<MonthlyGiftView>> MineAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.MonthlyGifts.AsNoTracking().Where(m => m.DonorId == me);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.Status).ThenByDescending(m => m.StartedAt).Skip((p - 1) * size).Take(size).Include(m => m.Splits).ToListAsync(ct);
        return new Page<MonthlyGiftView>(items.Select(MonthlyGiftView.Of).ToList(), p, size, total);
    }

    /// <summary>Stops the donor's own monthly gift; someone else's is not found. Stopping one already stopped changes nothing.</summary>
    public async Task<(MonthlyGiftView? Gift, Outcome Outcome)> CancelAsync(Guid me, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.MonthlyGifts.Where(m => m.Id == id && m.DonorId == me && m.Status == MonthlyStatus.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MonthlyStatus.Cancelled).SetProperty(m => m.EndedAt, now).SetProperty(m => m.Reason, "cancelled"), ct);
        var m = await db.MonthlyGifts.AsNoTracking().Include(x => x.Splits).SingleOrDefaultAsync(x => x.Id == id && x.DonorId == me, ct);
        return m is null ? (null, Outcome.NotFound) : (MonthlyGiftView.Of(m), Outcome.Ok);
    }

    /// <summary>A member who leaves is never charged again.</summary>
    public Task<int> StopAllAsync(Guid member, CancellationToken ct) => LeftAsync(db.MonthlyGifts.Where(m => m.DonorId == member), clock.GetUtcNow(), ct);

    /// <summary>
    /// Ends the monthly gifts of a member who left and erases what they held about them: the card's token (with a real
    /// processor it could charge the card again) and the donor's details. The law's records are the gifts, kept as they were.
    /// </summary>
    internal static Task<int> LeftAsync(IQueryable<MonthlyGift> gifts, DateTimeOffset now, CancellationToken ct) =>
        gifts.Where(m => m.Status != MonthlyStatus.Cancelled || m.PaymentToken != "").ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, MonthlyStatus.Cancelled).SetProperty(m => m.EndedAt, m => m.EndedAt ?? now).SetProperty(m => m.Reason, "left")
            .SetProperty(m => m.PaymentToken, "").SetProperty(m => m.CardLast4, (string?)null).SetProperty(m => m.DonorName, "").SetProperty(m => m.Street, "")
            .SetProperty(m => m.City, "").SetProperty(m => m.Zip, "").SetProperty(m => m.Employer, (string?)null).SetProperty(m => m.Occupation, (string?)null), ct);
}
