using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund.Payments;

/// <summary>A charge the test processor made, kept in its own table as a real processor keeps its own books.</summary>
public sealed class TestCharge
{
    public required string Key { get; set; }
    public required string ChargeId { get; set; }
    public long Cents { get; set; }
    public ChargeOutcome Outcome { get; set; }
    public string? Reason { get; set; }
    public int Attempts { get; set; }
    public long RefundedCents { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The processor a fresh install and the tests use: no network, the documented test cards (<see cref="TestCards"/>).
/// It writes through a context of its own, outside the fund's transaction, because a real processor's charge stands
/// whatever becomes of the fund's write: that is the case crash recovery has to handle. A processing error fails the
/// first attempt of a key and succeeds when the same key is tried again, as a transient fault would.
/// </summary>
public sealed class TestProcessor(IServiceScopeFactory scopes, TimeProvider clock) : IPaymentProcessor
{
    public bool LooksValid(string paymentToken) => TestCards.LooksValid(paymentToken);

    public Task<string> SaveCardAsync(string paymentToken, CancellationToken ct) => Task.FromResult(TestCards.Token(paymentToken));

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            // Its own write (on SQLite, its own savepoint in the single writer's batch: no second writer to wait for the
            // lock), never part of a fund transaction.
            return await scope.ServiceProvider.GetRequiredService<GroupCommit>().RunAsync(db, (writer, token) => ChargeInAsync(writer, request, token), ct);
        }
        catch (DbUpdateException)
        {
            // The same key at once from two requests: the processor charged it once; answer what it did.
            db.ChangeTracker.Clear();
            return Result(await db.TestCharges.AsNoTracking().SingleAsync(c => c.Key == request.IdempotencyKey, ct));
        }
    }

    /// <summary>Many charges in one write of its table (the monthly run's batches): each key is still charged once.</summary>
    public async Task<ChargeResult?[]> ChargeAllAsync(IReadOnlyList<ChargeRequest> requests, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<GroupCommit>().RunAsync(db, async (writer, token) =>
            {
                var keys = requests.Select(r => r.IdempotencyKey).ToList();
                var earlier = await writer.TestCharges.Where(c => keys.Contains(c.Key)).ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, token);
                var answers = new ChargeResult?[requests.Count];
                for (var i = 0; i < requests.Count; i++)
                {
                    var request = requests[i];
                    earlier.TryGetValue(request.IdempotencyKey, out var before);
                    var charge = Charge(before, request);
                    if (before is null) { writer.TestCharges.Add(charge); earlier[request.IdempotencyKey] = charge; }
                    answers[i] = Result(charge);
                }
                await writer.SaveChangesAsync(token);
                return answers;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // A key charged at the same moment elsewhere: nothing of this batch was written; ask key by key instead.
            db.ChangeTracker.Clear();
            var answers = new ChargeResult?[requests.Count];
            for (var i = 0; i < requests.Count; i++) answers[i] = await ChargeAsync(requests[i], ct);
            return answers;
        }
    }

    private async Task<ChargeResult> ChargeInAsync(AppDbContext db, ChargeRequest request, CancellationToken ct)
    {
        var earlier = await db.TestCharges.SingleOrDefaultAsync(c => c.Key == request.IdempotencyKey, ct);
        var charge = Charge(earlier, request);
        if (earlier is null) db.TestCharges.Add(charge);
        await db.SaveChangesAsync(ct);
        return Result(charge);
    }

    /// <summary>What charging a key does: a key charged (or declined) before answers the same; a failed one is tried again.</summary>
    private TestCharge Charge(TestCharge? earlier, ChargeRequest request)
    {
        if (earlier is { Outcome: not ChargeOutcome.Failed }) return earlier;
        var answer = TestCards.Answer(request.PaymentToken);
        if (answer.Outcome == ChargeOutcome.Failed && earlier is not null) answer = new ChargeResult(ChargeOutcome.Succeeded);
        var charge = earlier ?? new TestCharge { Key = request.IdempotencyKey, ChargeId = "", Cents = request.Cents, At = clock.GetUtcNow() };
        charge.Outcome = answer.Outcome;
        charge.Reason = answer.Reason;
        charge.Attempts++;
        if (answer.Outcome == ChargeOutcome.Succeeded) charge.ChargeId = "ch_test_" + Guid.NewGuid().ToString("N");
        return charge;
    }

    public async Task<ChargeResult?> FindAsync(string idempotencyKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.TestCharges.AsNoTracking().SingleOrDefaultAsync(c => c.Key == idempotencyKey, ct) is { } c ? Result(c) : null;
    }

    public async Task<RefundResult> RefundAsync(string chargeId, long cents, string idempotencyKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // One statement: a refund never takes back more than was charged, even when two are asked at once.
        var done = await db.TestCharges.Where(c => c.ChargeId == chargeId && c.Outcome == ChargeOutcome.Succeeded && c.RefundedCents + cents <= c.Cents)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RefundedCents, c => c.RefundedCents + cents), ct);
        return done == 1 ? new RefundResult(true, "re_test_" + idempotencyKey) : new RefundResult(false, Reason: "amount_too_large");
    }

    private static ChargeResult Result(TestCharge c) => new(c.Outcome, c.ChargeId.Length > 0 ? c.ChargeId : null, c.Reason);
}

internal sealed class TestChargeConfiguration : IEntityTypeConfiguration<TestCharge>
{
    public void Configure(EntityTypeBuilder<TestCharge> b)
    {
        b.ToTable("test_processor_charges");
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(120);
        b.Property(c => c.ChargeId).HasMaxLength(60);
        b.HasIndex(c => c.ChargeId);
        b.Property(c => c.Reason).HasMaxLength(60);
    }
}
