using Grassroots.Accounting.Ledger;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Fund;

/// <summary>
/// A balance is the checkpoint plus the lines after it: whatever the checkpoint's runs (one, several, ten at once), it
/// equals the plain sum of the account's lines.
/// </summary>
public abstract class BalanceCheckpointsTests(DbKind kind)
{
    private static Task<(long Books, long Lines)> FundAsync(AppFactory app) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var books = (await sp.GetRequiredService<Books>().HeldAsync([FundAccounts.Fund, FundAccounts.Cash], CancellationToken.None));
        var lines = await db.LedgerLines.Where(l => l.Account == FundAccounts.Fund).SumAsync(l => l.Side == Side.Credit ? l.Cents : -l.Cents);
        var cash = await db.LedgerLines.Where(l => l.Account == FundAccounts.Cash).SumAsync(l => l.Side == Side.Debit ? l.Cents : -l.Cents);
        Assert.Equal(cash, -books[FundAccounts.Cash]);
        return (books[FundAccounts.Fund], lines);
    });

    [Fact]
    public async Task The_balance_from_the_checkpoint_equals_the_sum_of_the_lines_through_every_run()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var checkpoints = app.Services.GetRequiredService<BalanceCheckpoints>();
        var (_, donor) = await app.MemberAsync();
        async Task GiveAsync(int n)
        {
            for (var i = 0; i < n; i++) await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(100 + i)));
        }
        async Task SameAsync()
        {
            var (books, lines) = await FundAsync(app);
            Assert.Equal(lines, books);
        }

        await GiveAsync(3);
        await SameAsync();
        await checkpoints.RunAsync(CancellationToken.None);          // notes what it sees
        await GiveAsync(2);
        var upTo = await checkpoints.RunAsync(CancellationToken.None); // counts the first three
        Assert.True(upTo > 0);
        await SameAsync();
        await GiveAsync(2);
        // Ten runs at once: one moves the checkpoint, the others find it moved; nothing is counted twice.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => checkpoints.RunAsync(CancellationToken.None)));
        await SameAsync();
        await checkpoints.RunAsync(CancellationToken.None);
        await SameAsync();
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BalanceCheckpoints.AsNoTracking().ToListAsync());
        Assert.Contains(rows, r => r.Account == FundAccounts.Fund && r.Credits > 0);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }
}

public sealed class BalanceCheckpointsTests_Sqlite() : BalanceCheckpointsTests(DbKind.Sqlite);
public sealed class BalanceCheckpointsTests_Postgres() : BalanceCheckpointsTests(DbKind.Postgres);
