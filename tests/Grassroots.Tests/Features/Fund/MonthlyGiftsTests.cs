using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Candidates;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Monthly;
using Grassroots.Features.Fund.Payments;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grassroots.Tests.Features.Fund;

/// <summary>A host whose clock the test moves, with the schedules off: the test runs the monthly run itself.</summary>
public sealed class MonthlyApp(DbKind kind, long fundLimitCents = 500_000) : AppFactory(kind)
{
    // January 31, 3 pm in New York: the month's last day, to see February's shorter month.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 31, 20, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Fund:FundLimitCents"] = fundLimitCents.ToString(),
        ["Fund:MonthlyCheckEvery"] = "00:00:00",
        ["Fund:AllocationInterval"] = "00:00:00",
        ["Fund:Election"] = "2028",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public Task<MonthlyRunResult> RunAsync() => Services.GetRequiredService<MonthlyRun>().RunDueAsync(CancellationToken.None);

    public Task<List<Gift>> GiftsOfAsync(Guid monthly) => WithScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Gifts.AsNoTracking().Include(g => g.Splits).Where(g => g.MonthlyGiftId == monthly).OrderBy(g => g.CreatedAt).ToListAsync());

    /// <summary>Moving the clock a month or more expires a client's access token: it signs in again, as its member would.</summary>
    public async Task SignInAgainAsync(HttpClient client, Member member)
    {
        var login = await CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
    }

    public Task<MonthlyGift> MonthlyAsync(Guid id) => WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MonthlyGifts.AsNoTracking().SingleAsync(m => m.Id == id));
}

/// <summary>
/// Monthly gifts: started with a gift, charged on their day each month by the run (never twice, not for missed months,
/// never for someone who left or stopped them), each month a gift of its own with its books and receipt.
/// </summary>
public abstract class MonthlyGiftsTests(DbKind kind)
{
    private static object Monthly(long cents, string card = TestCards.Succeeds, object? splits = null, string? timeZone = "America/New_York") => new
    {
        cents, card, splits, monthly = true, timeZone, name = "Mo Monthly", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107",
    };

    [Fact]
    public async Task A_monthly_gift_is_charged_on_its_day_each_month_once_and_stops_when_the_donor_says()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync("Mo Monthly");
        var first = await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(2700)));
        Assert.NotNull(first.MonthlyGiftId);
        var id = first.MonthlyGiftId!.Value;
        var mine = (await client.GetFromJsonAsync<Page<MonthlyGiftView>>("/api/me/monthly-gifts", GivingTests.Json))!.Items.Single();
        Assert.Equal((MonthlyStatus.Active, 2700L, "America/New_York"), (mine.Status, mine.Cents, mine.TimeZone));
        // February has no 31st: due on the 28th, 3 pm in New York.
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 20, 0, 0, TimeSpan.Zero), mine.NextDueAt);
        // The card is kept as the processor's token, never its number.
        Assert.Equal("tok_visa", (await app.MonthlyAsync(id)).PaymentToken);

        app.Clock.Advance(TimeSpan.FromDays(27));
        Assert.Equal(0, (await app.RunAsync()).Due);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new MonthlyRunResult(1, 1, 0, 0), await app.RunAsync());
        Assert.Equal(0, (await app.RunAsync()).Due);
        var gifts = await app.GiftsOfAsync(id);
        Assert.Equal(2, gifts.Count);
        Assert.All(gifts, g => Assert.Equal((GiftStatus.Charged, 2700L), (g.Status, g.Cents)));
        Assert.Equal(MonthlyGift.KeyFor(id, 1), gifts[1].IdempotencyKey);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
        await app.Smtp.WaitForAsync(donor.Email!, m => m.TextBody?.Contains(gifts[1].Id.ToString()) == true);

        // March 31: ten runs at once charge the month once.
        app.Clock.Advance(TimeSpan.FromDays(31));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.RunAsync()));
        Assert.Equal(3, (await app.GiftsOfAsync(id)).Count);
        Assert.Equal(new DateTimeOffset(2027, 4, 30, 19, 0, 0, TimeSpan.Zero), (await app.MonthlyAsync(id)).NextDueAt);   // daylight time in April

        // Someone else can't stop it; the donor can, and April is never charged.
        var (_, stranger) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/me/monthly-gifts/{id}/cancel", null)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<Page<MonthlyGiftView>>("/api/me/monthly-gifts", GivingTests.Json))!.Items);
        // Two months on, the donor's access token has expired: they sign in again.
        await app.SignInAgainAsync(client, donor);
        var cancelled = (await (await client.PostAsync($"/api/me/monthly-gifts/{id}/cancel", null)).Content.ReadFromJsonAsync<MonthlyGiftView>(GivingTests.Json))!;
        Assert.Equal((MonthlyStatus.Cancelled, (DateTimeOffset?)null), (cancelled.Status, cancelled.NextDueAt));
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(0, (await app.RunAsync()).Due);
        Assert.Equal(3, (await app.GiftsOfAsync(id)).Count);
    }

    [Fact]
    public async Task Months_missed_while_nothing_ran_are_skipped_not_charged_late_and_a_month_over_the_limit_is_skipped()
    {
        await using var app = new MonthlyApp(kind, fundLimitCents: 10_000);
        await app.InitializeAsync();
        var (_, client) = await app.MemberAsync();
        var id = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(4_000)))).MonthlyGiftId!.Value;
        app.Clock.Advance(TimeSpan.FromDays(100));       // May 11: February, March, April were due
        Assert.Equal(new MonthlyRunResult(1, 1, 0, 0), await app.RunAsync());
        Assert.Equal(2, (await app.GiftsOfAsync(id)).Count);
        Assert.Equal(new DateTimeOffset(2027, 5, 31, 19, 0, 0, TimeSpan.Zero), (await app.MonthlyAsync(id)).NextDueAt);

        // $80 of the $100 a year given: June's $40 would pass the limit, so June is skipped and July tried (same year: skipped too).
        app.Clock.Advance(TimeSpan.FromDays(21));
        Assert.Equal(new MonthlyRunResult(1, 0, 0, 1), await app.RunAsync());
        var skipped = await app.MonthlyAsync(id);
        Assert.Equal((MonthlyStatus.Active, "over_limit"), (skipped.Status, skipped.Reason));
        Assert.Equal(2, (await app.GiftsOfAsync(id)).Count);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task Declined_months_stop_it_a_declined_first_month_stops_it_at_once_and_a_member_who_leaves_is_never_charged_again()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync();
        var declined = await ProblemAssert.IsProblemAsync(await GivingTests.GiveAsync(client, Monthly(2_700, TestCards.Declined)), HttpStatusCode.BadRequest);
        Assert.Contains("card", declined.Keys);
        var dead = (await client.GetFromJsonAsync<Page<MonthlyGiftView>>("/api/me/monthly-gifts", GivingTests.Json))!.Items.Single();
        Assert.Equal((MonthlyStatus.Stopped, "declined"), (dead.Status, dead.Reason));

        var id = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(2_700)))).MonthlyGiftId!.Value;
        // The card expires: three declined months in a row stop it.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MonthlyGifts.Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.PaymentToken, "tok_chargeDeclined")));
        for (var month = 0; month < 3; month++)
        {
            Assert.Equal(MonthlyStatus.Active, (await app.MonthlyAsync(id)).Status);
            app.Clock.Advance(TimeSpan.FromDays(31));
            Assert.Equal(1, (await app.RunAsync()).Declined);
        }
        Assert.Equal((MonthlyStatus.Stopped, "declined", 3), ((await app.MonthlyAsync(id)).Status, (await app.MonthlyAsync(id)).Reason, (await app.MonthlyAsync(id)).Declines));
        // The donor asked to be charged every month: an end they did not choose is mailed to them, with a way back.
        var stopped = await app.Smtp.WaitForAsync(donor.Email!, m => m.Subject?.Contains("has stopped") == true);
        Assert.Contains("declined several months in a row", stopped.TextBody);
        Assert.Contains("/give", stopped.TextBody);

        // Another monthly gift, then the donor deletes their account: the run never charges them again.
        var (leaver, leaverClient) = await app.MemberAsync();
        var theirs = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(leaverClient, Monthly(1_000)))).MonthlyGiftId!.Value;
        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<AccountDeletion>().DeleteAsync(leaver.Id, CancellationToken.None); return 0; });
        app.Clock.Advance(TimeSpan.FromDays(31));
        await app.RunAsync();
        Assert.Single(await app.GiftsOfAsync(theirs));
        var left = await app.MonthlyAsync(theirs);
        // What could charge the card again, and who they were, is erased; the gift they gave stays in the books.
        Assert.Equal((MonthlyStatus.Cancelled, "left", "", "", (string?)null), (left.Status, left.Reason, left.PaymentToken, left.Street, left.CardLast4));

        // A gift in flight when an account is deleted can start a monthly gift after the deletion stopped the others:
        // the run never charges it, ends it and erases its card.
        var (late, lateClient) = await app.MemberAsync();
        var racing = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(lateClient, Monthly(1_000)))).MonthlyGiftId!.Value;
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == late.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeletedAt, app.Clock.GetUtcNow())));
        app.Clock.Advance(TimeSpan.FromDays(31));
        await app.RunAsync();
        Assert.Single(await app.GiftsOfAsync(racing));
        var ended = await app.MonthlyAsync(racing);
        Assert.Equal((MonthlyStatus.Cancelled, "left", ""), (ended.Status, ended.Reason, ended.PaymentToken));
    }

    [Fact]
    public async Task A_candidate_who_stops_running_is_left_out_of_the_next_months_never_replaced_by_someone_the_donor_did_not_choose()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var ana = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var office = new Office { Level = OfficeLevel.Party, Kind = OfficeKind.PrecinctCommitteeOfficer, Name = "PCO 1", State = "WA", CreatedAt = app.Clock.GetUtcNow() };
            var c = new Candidacy { OfficeId = office.Id, Name = "Ana", Stage = Stage.Endorsed, StageAt = app.Clock.GetUtcNow(), NominatedAt = app.Clock.GetUtcNow(), NominatedById = Guid.NewGuid() };
            db.AddRange(office, c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var (donor, client) = await app.MemberAsync();
        var both = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(2_000, splits: new[] { new { to = "fund" }, new { to = ana.ToString() } })))).MonthlyGiftId!.Value;
        var onlyAna = (await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(1_000, splits: new[] { new { to = ana.ToString() } })))).MonthlyGiftId!.Value;
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Candidacies.Where(c => c.Id == ana).ExecuteUpdateAsync(u => u.SetProperty(c => c.Stage, Stage.Withdrawn)));

        app.Clock.Advance(TimeSpan.FromDays(28));
        await app.RunAsync();
        var month = (await app.GiftsOfAsync(both))[1];
        Assert.Equal((1_000L, FundAccounts.Fund), (month.Cents, month.Splits.Single().Account));
        Assert.Single(await app.GiftsOfAsync(onlyAna));
        Assert.Equal((MonthlyStatus.Stopped, "no_recipient"), ((await app.MonthlyAsync(onlyAna)).Status, (await app.MonthlyAsync(onlyAna)).Reason));
        Assert.Contains("no one it went to is a candidate we back", (await app.Smtp.WaitForAsync(donor.Email!, m => m.Subject?.Contains("has stopped") == true)).TextBody);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task A_member_starts_a_monthly_gift_on_the_give_page_sees_it_and_stops_it_there()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var browser = await app.BrowserAsync();
        var given = await Forms.SubmitAsync(browser, "/give", new Dictionary<string, string>
        {
            ["Input.Preset"] = "2700", ["Input.To"] = "fund", ["Input.Monthly"] = "true", ["Input.Card"] = TestCards.Succeeds, ["Input.Name"] = "Mo Monthly",
            ["Input.Street"] = "1 Main St", ["Input.City"] = "Philadelphia", ["Input.State"] = "PA", ["Input.Zip"] = "19107", ["Input.Key"] = Guid.NewGuid().ToString("N"),
            ["Input.TimeZone"] = "America/Chicago",     // give.js sends the browser's zone
        });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        var page = Forms.Text(await browser.GetStringAsync("/give/monthly"));
        Assert.Contains("$27 a month", page);
        Assert.Contains("Next gift: Sunday, February 28, 2027", page);
        Assert.Contains("(America/Chicago)", page);
        var id = System.Text.RegularExpressions.Regex.Match(page, "id=([0-9a-f-]{36})").Groups[1].Value;
        // Another member posting the stop button for it gets nothing stopped.
        var other = await app.BrowserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Forms.SubmitAsync(other, "/give", new Dictionary<string, string>(), $"/give/monthly?handler=Cancel&id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, "/give/monthly", new Dictionary<string, string>(), $"/give/monthly?handler=Cancel&id={id}")).StatusCode);
        Assert.Contains("Stopped on 2027-01-31", Forms.Text(await browser.GetStringAsync("/give/monthly")));
    }

    [Fact]
    public async Task One_batch_charges_many_donors_and_a_month_refused_or_declined_in_it_leaves_the_others_charged()
    {
        await using var app = new MonthlyApp(kind, fundLimitCents: 10_000);
        await app.InitializeAsync();
        var ids = new List<Guid>();
        HttpClient? generous = null;
        for (var i = 0; i < 6; i++)
        {
            var (_, client) = await app.MemberAsync();
            ids.Add((await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(1_000)))).MonthlyGiftId!.Value);
            generous ??= client;
        }
        // The first donor gives $85 more this year: February's $10 would pass the $100 limit. The second's card expires.
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(generous!, new { cents = 8_500, card = TestCards.Succeeds, name = "Mo", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107" }));
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MonthlyGifts.Where(m => m.Id == ids[1])
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.PaymentToken, "tok_chargeDeclined")));

        app.Clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(new MonthlyRunResult(6, 4, 1, 1), await app.RunAsync());
        Assert.Equal((MonthlyStatus.Active, "over_limit"), ((await app.MonthlyAsync(ids[0])).Status, (await app.MonthlyAsync(ids[0])).Reason));
        Assert.Single(await app.GiftsOfAsync(ids[0]));
        Assert.Equal(GiftStatus.Declined, (await app.GiftsOfAsync(ids[1]))[1].Status);
        Assert.Equal(1, (await app.MonthlyAsync(ids[1])).Declines);
        foreach (var id in ids.Skip(2)) Assert.Equal(GiftStatus.Charged, (await app.GiftsOfAsync(id))[1].Status);
        foreach (var id in ids) Assert.Equal(new DateTimeOffset(2027, 3, 31, 19, 0, 0, TimeSpan.Zero), (await app.MonthlyAsync(id)).NextDueAt);
        // What the donors hold under the limit is what was charged: $10 a month, the refused month not held, the declined one given back.
        var totals = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.AsNoTracking().Where(t => t.Account == FundAccounts.Fund).SumAsync(t => t.Cents));
        Assert.Equal(6 * 1_000 + 8_500 + 4 * 1_000, totals);
        Assert.Equal(0, (await app.RunAsync()).Due);
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task A_first_month_the_processor_failed_on_charges_nothing_more_until_the_donor_sends_it_again()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync();
        Assert.Contains("card", (await ProblemAssert.IsProblemAsync(await GivingTests.GiveAsync(client, Monthly(2_700, TestCards.ProcessingError), key: "flaky"), HttpStatusCode.BadRequest)).Keys);
        var waiting = (await client.GetFromJsonAsync<Page<MonthlyGiftView>>("/api/me/monthly-gifts", GivingTests.Json))!.Items.Single();
        Assert.Equal((MonthlyStatus.Stopped, "first_failed"), (waiting.Status, waiting.Reason));
        app.Clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(0, (await app.RunAsync()).Due);

        // The donor signs in again and sends the same gift: it is charged, and the monthly gift goes on from its first day.
        await app.SignInAgainAsync(client, donor);
        // Sent again with another card: that card is charged, named on the receipt, and kept for the months to come.
        var retried = await GivingTests.ReadAsync(await GivingTests.GiveAsync(client, Monthly(2_700, "5555 5555 5555 4444"), key: "flaky"));
        Assert.Equal((GiftStatus.Charged, waiting.Id, "4444"), (retried.Status, retried.MonthlyGiftId, retried.CardLast4));
        var started = await app.MonthlyAsync(waiting.Id);
        Assert.Equal((MonthlyStatus.Active, (string?)null, "4444", "tok_visa"), (started.Status, started.Reason, started.CardLast4, started.PaymentToken));
        app.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, (await app.RunAsync()).Charged);
        Assert.Equal(2, (await app.GiftsOfAsync(waiting.Id)).Count(g => g.Status == GiftStatus.Charged));
    }

    [Fact]
    public async Task A_monthly_gift_needs_a_real_time_zone()
    {
        await using var app = new MonthlyApp(kind);
        await app.InitializeAsync();
        var (_, client) = await app.MemberAsync();
        Assert.Contains("timeZone", (await ProblemAssert.IsProblemAsync(await GivingTests.GiveAsync(client, Monthly(2_700, timeZone: "Mars/Olympus")), HttpStatusCode.BadRequest)).Keys);
        Assert.Empty((await client.GetFromJsonAsync<Page<MonthlyGiftView>>("/api/me/monthly-gifts", GivingTests.Json))!.Items);
    }
}

public sealed class MonthlyGiftsTests_Sqlite() : MonthlyGiftsTests(DbKind.Sqlite);
public sealed class MonthlyGiftsTests_Postgres() : MonthlyGiftsTests(DbKind.Postgres);
