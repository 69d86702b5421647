using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Payments;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Grassroots.Tests.Features.Fund.GivingTests;

namespace Grassroots.Tests.Features.Fund;

/// <summary>
/// The process dies after the processor charged a gift and before the books were written. On restart, the gift is
/// settled from what the processor says: booked once, the receipt sent, and the donor's retry (same key) is that gift.
/// </summary>
public abstract class GiftRecoveryTests(DbKind kind)
{
    /// <summary>Charges for real, then dies before answering: what a crash between the charge and the ledger looks like from inside.</summary>
    private sealed class DyingProcessor(TestProcessor real) : IPaymentProcessor
    {
        public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            await real.ChargeAsync(request, ct);
            throw new ProcessDied();
        }
        public Task<ChargeResult?> FindAsync(string key, CancellationToken ct) => real.FindAsync(key, ct);
        public Task<RefundResult> RefundAsync(string chargeId, long cents, string key, CancellationToken ct) => real.RefundAsync(chargeId, cents, key, ct);
        public bool LooksValid(string token) => real.LooksValid(token);
        public Task<string> SaveCardAsync(string token, CancellationToken ct) => real.SaveCardAsync(token, ct);
    }

    private sealed class ProcessDied() : Exception("The process died here.");

    private sealed class CrashingApp(TestDatabase database) : AppFactory(database)
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<TestProcessor>();
            services.AddSingleton<IPaymentProcessor>(sp => new DyingProcessor(sp.GetRequiredService<TestProcessor>()));
        }
    }

    private sealed class RestartedApp(TestDatabase database) : AppFactory(database)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fund:RecoverAfter"] = "00:00:00" };
    }

    /// <summary>Holds every charge until the test lets it through: a processor slower than Fund:RecoverAfter.</summary>
    private sealed class SlowProcessor(TestProcessor real) : IPaymentProcessor
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            Asked.TrySetResult();
            await Gate.Task;
            return await real.ChargeAsync(request, ct);
        }
        public Task<ChargeResult?> FindAsync(string key, CancellationToken ct) => real.FindAsync(key, ct);
        public Task<RefundResult> RefundAsync(string chargeId, long cents, string key, CancellationToken ct) => real.RefundAsync(chargeId, cents, key, ct);
        public bool LooksValid(string token) => real.LooksValid(token);
        public Task<string> SaveCardAsync(string token, CancellationToken ct) => real.SaveCardAsync(token, ct);
    }

    private sealed class SlowApp(DbKind kind) : AppFactory(kind)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fund:RecoverAfter"] = "00:00:00", ["Fund:RecoveryInterval"] = "01:00:00" };
        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<TestProcessor>();
            services.AddSingleton<SlowProcessor>();
            services.AddSingleton<IPaymentProcessor>(sp => sp.GetRequiredService<SlowProcessor>());
        }
    }

    /// <summary>
    /// Recovery looks while the processor is still charging (it has no record yet) and marks the gift failed; then the
    /// charge goes through. The money moved, so the gift is booked all the same, once, and the donor's total counts it.
    /// </summary>
    [Fact]
    public async Task A_charge_that_lands_after_recovery_gave_up_on_it_is_still_booked_once()
    {
        await using var app = new SlowApp(kind);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync();
        var slow = app.Services.GetRequiredService<SlowProcessor>();
        var giving = GiveAsync(client, Gift(2700), key: "slow");
        await slow.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await app.Services.GetRequiredService<GiftRecovery>().RecoverAsync(CancellationToken.None));
        Assert.Equal(GiftStatus.Failed, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.Select(g => g.Status).SingleAsync()));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.SumAsync(d => d.Cents)));

        slow.Gate.SetResult();
        var gift = await ReadAsync(await giving);
        Assert.Equal(GiftStatus.Charged, gift.Status);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().LedgerEntries.CountAsync()));
        Assert.True((await BooksAsync(app)).Balanced);
        Assert.Equal(2700, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.Where(d => d.DonorId == donor.Id).SumAsync(d => d.Cents)));
    }

    [Fact]
    public async Task A_gift_charged_before_a_crash_is_booked_once_on_restart_and_its_retry_is_the_same_gift()
    {
        var database = TestDatabase.Create(kind);
        var crashed = new CrashingApp(database);
        await crashed.InitializeAsync();
        var (donor, client) = await crashed.MemberAsync("Crash Donor");
        var dying = await GiveAsync(client, Gift(2700), key: "before-the-crash");
        Assert.Equal(HttpStatusCode.InternalServerError, dying.StatusCode);
        var stuck = await crashed.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.AsNoTracking().SingleAsync());
        Assert.Equal(GiftStatus.Charging, stuck.Status);
        Assert.Equal(0, await crashed.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().LedgerEntries.CountAsync()));
        // A second gift whose charge never reached the processor (the crash came first): it must not be booked.
        await crashed.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Gifts.Add(new Gift
            {
                DonorId = donor.Id, Cents = 1500, Status = GiftStatus.Charging, IdempotencyKey = "never-charged", CreatedAt = DateTimeOffset.UtcNow, Year = DateTime.UtcNow.Year,
                Election = "2026", DonorName = "Crash Donor", Street = "1 Main St", City = "Philadelphia", State = "PA", Zip = "19107",
                Splits = [new GiftSplit { Account = FundAccounts.Fund, Cents = 1500 }],
            });
            db.DonorTotals.Where(d => d.DonorId == donor.Id).ExecuteUpdate(s => s.SetProperty(d => d.Cents, d => d.Cents + 1500));
            return await db.SaveChangesAsync();
        });
        await ((IAsyncLifetime)crashed).DisposeAsync();

        await using var restarted = new RestartedApp(database);
        try
        {
            await restarted.InitializeAsync();
            await restarted.Services.GetRequiredService<GiftRecovery>().RecoverAsync(CancellationToken.None);
            var gifts = await restarted.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.AsNoTracking().OrderBy(g => g.Cents).ToListAsync());
            Assert.Equal([(1500L, GiftStatus.Failed), (2700L, GiftStatus.Charged)], gifts.Select(g => (g.Cents, g.Status)));
            Assert.Equal(1, await restarted.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().LedgerEntries.CountAsync()));
            Assert.True((await BooksAsync(restarted)).Balanced);
            Assert.Equal(2700, await restarted.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.SumAsync(d => d.Cents)));
            await restarted.Smtp.WaitForAsync(donor.Email!, m => m.Subject?.Contains("$27") == true);

            // The donor's retry of the request that died is that gift, charged once.
            var again = restarted.CreateClient();
            var login = await again.PostAsJsonAsync("/api/auth/login", new { email = donor.Email, password = AppFactory.Password });
            login.EnsureSuccessStatusCode();
            again.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<AppFactory.TokenResponse>())!.AccessToken);
            var same = await ReadAsync(await GiveAsync(again, Gift(2700), key: "before-the-crash"), HttpStatusCode.OK);
            Assert.Equal(gifts[1].Id, same.Id);
            Assert.Equal(1, await restarted.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().TestCharges.CountAsync(c => c.Outcome == ChargeOutcome.Succeeded)));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class GiftRecoveryTests_Sqlite() : GiftRecoveryTests(DbKind.Sqlite);
public sealed class GiftRecoveryTests_Postgres() : GiftRecoveryTests(DbKind.Postgres);
