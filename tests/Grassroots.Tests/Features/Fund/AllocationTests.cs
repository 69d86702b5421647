using System.Net;
using System.Net.Http.Json;
using Grassroots.Accounting.Allocation;
using Grassroots.Features.Candidates;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Allocation;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grassroots.Tests.Features.Fund;

/// <summary>A host with a treasurer, an allocation rule chosen by the test and a clock it moves (the schedule never ticks by itself).</summary>
public sealed class AllocationApp(DbKind kind, AllocationRule rule = AllocationRule.Equal, long reserveCents = 0) : AppFactory(kind)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Fund:Treasurers:0"] = FundApp.Treasurer,
        ["Fund:AllocationRule"] = rule.ToString(),
        ["Fund:AllocationReserveCents"] = reserveCents.ToString(),
        ["Fund:AllocationInterval"] = "1.00:00:00",
        ["Fund:AllocationCheckEvery"] = "30.00:00:00",
        ["Fund:AllocationGoalCents:Party"] = "50000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A candidacy at the given stage for a precinct office (made directly: the endorsement vote has its own tests).</summary>
    public Task<Guid> CandidateAsync(string name, Stage stage) => WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var office = new Office { Level = OfficeLevel.Party, Kind = OfficeKind.PrecinctCommitteeOfficer, Name = $"PCO {name}", State = "WA", County = "King", Precinct = name, CreatedAt = Clock.GetUtcNow() };
        var c = new Candidacy { OfficeId = office.Id, Name = name, Stage = stage, StageAt = Clock.GetUtcNow(), NominatedAt = Clock.GetUtcNow(), NominatedById = Guid.NewGuid() };
        db.Add(office);
        db.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    public async Task<HttpClient> TreasurerAsync()
    {
        var (member, client) = await MemberAsync("Terry Treasurer");
        await WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, FundApp.Treasurer).SetProperty(u => u.NormalizedEmail, FundApp.Treasurer.ToUpperInvariant())));
        return client;
    }

    public Task<long> HeldAsync(string account) => WithScopeAsync(async sp =>
        (await sp.GetRequiredService<Grassroots.Features.Fund.Ledger.Books>().HeldAsync([account], CancellationToken.None)).GetValueOrDefault(account));
}

/// <summary>
/// The central pool shared out among backed candidates by the published rule: every cent lands, one balanced entry per
/// run, only treasurers or the schedule run it, and parallel runs never share the same money twice.
/// </summary>
public abstract class AllocationTests(DbKind kind)
{
    private static Task<HttpResponseMessage> RunAsync(HttpClient client, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/fund/allocations");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_treasurer_shares_the_pool_equally_every_cent_lands_and_a_retry_runs_once()
    {
        await using var app = new AllocationApp(kind);
        await app.InitializeAsync();
        var ana = await app.CandidateAsync("Ana", Stage.Endorsed);
        var ben = await app.CandidateAsync("Ben", Stage.OnBallot);
        var nominee = await app.CandidateAsync("Cy", Stage.Questionnaire);   // not backed: no share
        var (_, donor) = await app.MemberAsync();
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(1001)));
        var treasurer = await app.TreasurerAsync();

        // Nobody else may run it.
        Assert.Equal(HttpStatusCode.Forbidden, (await RunAsync(donor)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RunAsync(app.CreateClient())).StatusCode);

        var created = await RunAsync(treasurer, "run-1");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var run = (await created.Content.ReadFromJsonAsync<AllocationView>(GivingTests.Json))!;
        Assert.Equal((1L, 1001L, 1001L, AllocationRule.Equal), (run.Number, run.PoolCents, run.AllocatedCents, run.Rule));
        // $10.01 in two: 501 and 500, the odd cent by the largest-remainder rule (ties to the earlier candidate).
        Assert.Equal([501L, 500], run.Shares.Select(s => s.HeldCents).ToArray());
        Assert.Equal(1001, await app.HeldAsync(FundAccounts.Candidate(ana)) + await app.HeldAsync(FundAccounts.Candidate(ben)));
        Assert.Equal(0, await app.HeldAsync(FundAccounts.Candidate(nominee)));
        Assert.Equal(0, await app.HeldAsync(FundAccounts.Fund));
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);

        // A retry answers the same run; a new run with an empty pool says why and writes nothing.
        var again = await RunAsync(treasurer, "run-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(run.Id, (await again.Content.ReadFromJsonAsync<AllocationView>(GivingTests.Json))!.Id);
        Assert.Contains("pool", (await ProblemAssert.IsProblemAsync(await RunAsync(treasurer, "run-2"), HttpStatusCode.BadRequest)).Keys);

        // The public sees the rule and the run, with the candidates' names and shares, and no donor.
        var listed = (await app.CreateClient().GetFromJsonAsync<AllocationsView>("/api/fund/allocations", GivingTests.Json))!;
        Assert.Equal(AllocationRule.Equal, listed.Policy.Rule);
        Assert.Equal(TimeSpan.FromDays(1), listed.Policy.Every);
        var shown = listed.Runs.Items.Single();
        Assert.Equal(["Ana, PCO Ana", "Ben, PCO Ben"], shown.Shares.Select(s => s.Name).Order().ToArray());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().LedgerEntries.CountAsync(e => e.Kind == "allocation")));
    }

    [Fact]
    public async Task By_need_a_candidate_far_from_their_goal_gets_more_and_the_reserve_stays_in_the_pool()
    {
        await using var app = new AllocationApp(kind, AllocationRule.Need, reserveCents: 100);
        await app.InitializeAsync();
        var ana = await app.CandidateAsync("Ana", Stage.Endorsed);
        var ben = await app.CandidateAsync("Ben", Stage.Endorsed);
        var (_, donor) = await app.MemberAsync();
        // Ana holds $400 of her $500 goal (needs $100); Ben holds nothing (needs $500). The pool: $61, $1 kept back.
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(40_000, splits: new[] { new { to = ana.ToString() } },
            employer: "Acme", occupation: "Welder")));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(6_100)));
        var treasurer = await app.TreasurerAsync();

        var run = (await (await RunAsync(treasurer)).Content.ReadFromJsonAsync<AllocationView>(GivingTests.Json))!;
        Assert.Equal((6_100L, 100L, 6_000L), (run.PoolCents, run.ReserveCents, run.AllocatedCents));
        Assert.Equal(40_000 + 1_000, await app.HeldAsync(FundAccounts.Candidate(ana)));
        Assert.Equal(5_000, await app.HeldAsync(FundAccounts.Candidate(ben)));
        Assert.Equal(100, await app.HeldAsync(FundAccounts.Fund));
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task The_fund_page_states_the_rule_and_a_treasurer_runs_it_from_there()
    {
        await using var app = new AllocationApp(kind);
        await app.InitializeAsync();
        await app.CandidateAsync("Ana", Stage.Endorsed);
        var (_, donor) = await app.MemberAsync();
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(2700)));
        var page = Forms.Text(await app.CreateClient().GetStringAsync("/fund"));
        Assert.Contains("shared equally among the candidates the movement backs", page);
        Assert.Contains("has not been shared out yet", page);
        // Before the first run no date is promised (it would slip a week at every visit): the first comes with money and a candidate.
        Assert.Contains("The first run is made as soon as the pool holds money and a candidate is backed.", page);
        Assert.DoesNotContain("Share out the pool now", page);

        await app.TreasurerAsync();
        var treasurer = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.SingleAsync(u => u.Email == FundApp.Treasurer));
        var browser = await app.BrowserAsync(treasurer);
        Assert.Contains("Share out the pool now", await browser.GetStringAsync("/fund"));
        var posted = await Forms.SubmitAsync(browser, "/fund", new Dictionary<string, string> { ["Key"] = "page-run" }, "/fund?handler=Allocate");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        page = Forms.Text(await app.CreateClient().GetStringAsync("/fund"));
        Assert.Contains("Allocation 1", page);
        Assert.Contains("Ana, PCO Ana", page);
        // Again, with nothing left: the page says why, and nothing is written.
        var empty = await Forms.SubmitAsync(browser, "/fund", new Dictionary<string, string> { ["Key"] = "page-run-2" }, "/fund?handler=Allocate");
        Assert.Contains("nothing to share out", Forms.Text(await empty.Content.ReadAsStringAsync()));
        // In Spanish too: the refusal is worded in the single writer, in the language of the request it answers.
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var vacío = await Forms.SubmitAsync(browser, "/fund", new Dictionary<string, string> { ["Key"] = "page-run-3" }, "/fund?handler=Allocate");
        Assert.Contains("no hay nada que repartir", Forms.Text(await vacío.Content.ReadAsStringAsync()));
        // Someone else posting the form is refused.
        var stranger = await app.BrowserAsync();
        var refused = await Forms.SubmitAsync(stranger, "/fund", new Dictionary<string, string> { ["Key"] = "x" }, "/fund?handler=Allocate");
        Assert.NotEqual("/fund#allocations", refused.Headers.Location?.ToString());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AllocationRuns.CountAsync()));
    }

    [Fact]
    public async Task Twenty_runs_at_once_share_the_pool_once()
    {
        await using var app = new AllocationApp(kind);
        await app.InitializeAsync();
        await app.CandidateAsync("Ana", Stage.Endorsed);
        await app.CandidateAsync("Ben", Stage.Filed);
        await app.CandidateAsync("Cy", Stage.Endorsed);
        var (_, donor) = await app.MemberAsync();
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(100_000, employer: "Acme", occupation: "Welder")));
        var treasurer = await app.TreasurerAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RunAsync(treasurer, $"parallel-{i}")));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var runs = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AllocationRuns.ToListAsync());
        Assert.Equal(100_000, runs.Single().AllocatedCents);
        Assert.Equal(0, await app.HeldAsync(FundAccounts.Fund));
        Assert.True((await GivingTests.BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task The_schedule_runs_when_due_and_not_before()
    {
        await using var app = new AllocationApp(kind);
        await app.InitializeAsync();
        var schedule = app.Services.GetRequiredService<AllocationSchedule>();
        var (_, donor) = await app.MemberAsync();
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(500)));
        Assert.Null(await schedule.RunIfDueAsync(CancellationToken.None));                // nobody backed yet: the pool waits
        var ana = await app.CandidateAsync("Ana", Stage.Endorsed);

        var first = await schedule.RunIfDueAsync(CancellationToken.None);
        Assert.Equal((1L, 500L, (Guid?)null), (first!.Number, first.AllocatedCents, first.ById));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(donor, GivingTests.Gift(300)));
        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Null(await schedule.RunIfDueAsync(CancellationToken.None));                // not a day yet
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(300, (await schedule.RunIfDueAsync(CancellationToken.None))!.AllocatedCents);
        Assert.Equal(800, await app.HeldAsync(FundAccounts.Candidate(ana)));
    }
}

public sealed class AllocationTests_Sqlite() : AllocationTests(DbKind.Sqlite);
public sealed class AllocationTests_Postgres() : AllocationTests(DbKind.Postgres);
