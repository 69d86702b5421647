using System.Diagnostics;
using Grassroots.Features.Fund.Payments;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Fund.Monthly;

/// <summary>
/// Charges a batch of due months the way a one-off gift is charged (hold, charge, settle), but a batch at a time: one
/// write holds them all, the processor is sent them together, one write settles them all. Each month is still a gift
/// of its own, keyed "monthly:{id}:{month}", with the same limits, books, receipt and recovery.
/// - The month is claimed in the hold (a conditional UPDATE on its number), so two runs never charge it twice.
/// - Months missed while nothing ran are skipped, never charged late.
/// - A recipient no longer backed is left out (nobody the donor did not choose gets their share); with none left the
///   monthly gift stops.
/// - A month over a limit is skipped (the next is tried). Each month is held in a savepoint of its own, so a month
///   that is refused, or fails, is undone alone; one that fails stays due for the next pass.
/// </summary>
public sealed class MonthlyCharging(AppDbContext db, GroupCommit writes, Giving giving, IPaymentProcessor processor, Settling settling, MonthlyNotices notices,
    TimeProvider clock, IOptions<FundOptions> options, ILogger<MonthlyCharging> log)
{
    /// <summary>A month to charge: its monthly gift, its number, where the gift moves on to, and its gift (null: it ends, <paramref name="Ends"/> says why).</summary>
    private sealed record Month(MonthlyGift Monthly, int Number, int Next, DateTimeOffset NextAt, Gift? Gift, string? Ends = null);

    /// <summary>Why a monthly gift ends without its month: its donor deleted their account (after the deletion stopped their gifts, a gift in flight may have started one).</summary>
    private const string Left = "left";
    private const string NoRecipient = "no_recipient";

    public async Task<MonthlyRunResult> ChargeAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.MonthlyGifts.AsNoTracking().Include(m => m.Splits)
            .Where(m => ids.Contains(m.Id) && m.Status == MonthlyStatus.Active && m.NextDueAt <= now).ToListAsync(ct);
        if (due.Count == 0) return new MonthlyRunResult(0, 0, 0, 0);
        var backed = await Recipients.BackedAsync(db, due.SelectMany(m => m.Splits).Select(s => s.Account), ct);
        var donorIds = due.Select(m => m.DonorId).Distinct().ToList();
        var donors = await db.Users.AsNoTracking().Where(u => donorIds.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.DeletedAt }).ToDictionaryAsync(u => u.Id, ct);
        var months = due.Select(m => Plan(m, backed, now, donors.TryGetValue(m.DonorId, out var d) && d.DeletedAt is null)).ToList();

        var t0 = Stopwatch.GetTimestamp();
        var held = await writes.RunAsync(db, (writer, token) => HoldAllAsync(writer, months, now, token), ct);
        var t1 = Stopwatch.GetTimestamp();
        if (held.Count == 0) return new MonthlyRunResult(due.Count, 0, 0, due.Count);

        ChargeResult?[] answers;
        try
        {
            var tokens = due.ToDictionary(m => m.Id, m => m.PaymentToken);
            answers = await processor.ChargeAllAsync(held.Select(g => new ChargeRequest(g.ProcessorKey, g.Cents, tokens[g.MonthlyGiftId!.Value], options.Value.Name)).ToList(),
                CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException or DbUpdateException or InvalidOperationException)
        {
            // Not known whether any was charged: they stay "charging" and recovery asks the processor about each.
            log.LogWarning(e, "The processor did not answer for {Count} monthly gifts; recovery will settle them", held.Count);
            return new MonthlyRunResult(due.Count, 0, 0, due.Count);
        }
        var t2 = Stopwatch.GetTimestamp();
        var answered = held.Select((g, i) => (Gift: g, Answer: answers[i])).Where(x => x.Answer is not null).ToList();
        // Not cancelled: what was charged is settled even if the app is stopping (or recovery settles it).
        var settled = await settling.SettleAllAsync(answered.Select(x => (x.Gift, donors[x.Gift.DonorId].Email, x.Answer!)).ToList(), CancellationToken.None);
        var t3 = Stopwatch.GetTimestamp();
        log.LogDebug("A batch of {Count} months: hold {Hold:F0} ms, charge {Charge:F0} ms, settle {Settle:F0} ms", due.Count,
            Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
        var charged = settled.Count(s => s == GiftStatus.Charged);
        var declined = settled.Count(s => s == GiftStatus.Declined);
        return new MonthlyRunResult(due.Count, charged, declined, due.Count - charged - declined);
    }

    /// <summary>The month that is due, the next one after now, and the gift (the shares still backed).</summary>
    private Month Plan(MonthlyGift m, HashSet<string> backed, DateTimeOffset now, bool donorHere)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(m.TimeZone);
        var next = Math.Max(m.Months + 1, Accounting.Recurring.Monthly.DueBy(m.StartedAt, now, zone));
        var nextAt = Accounting.Recurring.Monthly.Due(m.StartedAt, next, zone);
        if (!donorHere) return new Month(m, m.Months, next, nextAt, null, Left);
        var shares = m.Splits.OrderBy(x => x.Id).Where(x => backed.Contains(x.Account)).ToList();
        if (shares.Count == 0) return new Month(m, m.Months, next, nextAt, null, NoRecipient);
        var gift = new Gift
        {
            DonorId = m.DonorId, Cents = shares.Sum(x => x.Cents), Status = GiftStatus.Charging, IdempotencyKey = MonthlyGift.KeyFor(m.Id, m.Months), CardLast4 = m.CardLast4,
            CreatedAt = now, Year = now.UtcDateTime.Year, Election = options.Value.Election, DonorName = m.DonorName, Street = m.Street, City = m.City, State = m.State,
            Zip = m.Zip, Employer = m.Employer, Occupation = m.Occupation, Culture = m.Culture, MonthlyGiftId = m.Id,
        };
        gift.Splits = shares.Select(x => new GiftSplit { GiftId = gift.Id, Account = x.Account, Cents = x.Cents }).ToList();
        return new Month(m, m.Months, next, nextAt, gift);
    }

    /// <summary>
    /// One write: every month claimed and held, saved once (the fast path). Should anything fail, the batch is undone
    /// and held again month by month, each in a savepoint of its own, so one bad month is undone alone. Answers the gifts held.
    /// </summary>
    private async Task<List<Gift>> HoldAllAsync(AppDbContext writer, List<Month> months, DateTimeOffset now, CancellationToken ct)
    {
        var tx = writer.Database.CurrentTransaction!;
        await tx.CreateSavepointAsync("months", ct);
        try
        {
            var held = new List<Gift>(months.Count);
            foreach (var month in months)
                if (await HoldOneAsync(writer, month, now, ct)) held.Add(month.Gift!);
            await writer.SaveChangesAsync(ct);
            await tx.ReleaseSavepointAsync("months", ct);
            return held;
        }
        catch (DbUpdateException e)
        {
            await tx.RollbackToSavepointAsync("months", ct);
            writer.ChangeTracker.Clear();
            log.LogInformation(e, "A batch of {Count} months was held month by month after a write failed", months.Count);
            foreach (var month in months) month.Gift?.Splits.ForEach(x => x.Id = 0);
        }
        var each = new List<Gift>(months.Count);
        foreach (var month in months)
        {
            await tx.CreateSavepointAsync("month", ct);
            try
            {
                if (await HoldOneAsync(writer, month, now, ct)) each.Add(month.Gift!);
                await writer.SaveChangesAsync(ct);
                await tx.ReleaseSavepointAsync("month", ct);
            }
            catch (DbUpdateException e)
            {
                // Its gift's key is taken (another run made it) or a donor's first total of the period collided: undone
                // alone; the month is still due, and the next pass sees which.
                await tx.RollbackToSavepointAsync("month", ct);
                log.LogInformation(e, "Monthly gift {Monthly} was not held this pass", month.Monthly.Id);
            }
            finally { writer.ChangeTracker.Clear(); }
        }
        return each;
    }

    /// <summary>
    /// Claims the month and holds its gift; false when it ends, another run has it, or a limit refuses it (the month is
    /// then skipped: the donor gave a lot elsewhere, or a candidate stopped being backed a moment ago).
    /// </summary>
    private async Task<bool> HoldOneAsync(AppDbContext writer, Month month, DateTimeOffset now, CancellationToken ct)
    {
        if (month.Ends == Left)
        {
            await MonthlyGifts.LeftAsync(writer.MonthlyGifts.Where(m => m.Id == month.Monthly.Id), now, ct);
            return false;
        }
        if (month.Gift is null)
        {
            if (await AdvanceAsync(writer, month, NoRecipient, MonthlyStatus.Stopped, now, ct) == 1)
                await notices.StoppedAsync(writer, month.Monthly.Id, NoRecipient, ct);
            return false;
        }
        if (await AdvanceAsync(writer, month, null, MonthlyStatus.Active, now, ct) != 1) return false;
        try
        {
            // Batched: nothing saved yet (the caller saves), and a refused gift gives back what it held itself.
            await giving.HoldInAsync(writer, month.Gift, isNew: true, starting: null, ct, batched: true);
            return true;
        }
        catch (HoldRefused refused)
        {
            // The claim stands (the month is past); it only says why nothing was given.
            if (!refused.Errors.Has("splits"))
                await writer.MonthlyGifts.Where(x => x.Id == month.Monthly.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Reason, "over_limit"), ct);
            return false;
        }
    }

    /// <summary>Moves the monthly gift past this month, only if nobody else did (its number is still this month's).</summary>
    private static Task<int> AdvanceAsync(AppDbContext writer, Month month, string? reason, MonthlyStatus status, DateTimeOffset now, CancellationToken ct) =>
        writer.MonthlyGifts.Where(x => x.Id == month.Monthly.Id && x.Months == month.Number && x.Status == MonthlyStatus.Active).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Months, month.Next).SetProperty(x => x.NextDueAt, month.NextAt).SetProperty(x => x.Reason, reason).SetProperty(x => x.Status, status)
            .SetProperty(x => x.EndedAt, status == MonthlyStatus.Active ? null : now), ct);
}
