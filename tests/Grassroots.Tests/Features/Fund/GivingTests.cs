using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Features.Fund.Payments;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Fund;

/// <summary>A host whose fund has small limits (so tests reach them) and a treasurer.</summary>
public sealed class FundApp(DbKind kind, long fundLimitCents = 500_000, long thresholdCents = 20_000) : AppFactory(kind)
{
    public const string Treasurer = "treasurer@fund.example.org";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Fund:FundLimitCents"] = fundLimitCents.ToString(),
        ["Fund:ItemizationThresholdCents"] = thresholdCents.ToString(),
        ["Fund:Treasurers:0"] = Treasurer,
    };
}

/// <summary>
/// Giving to the central fund over the API, on SQLite and PostgreSQL: the books balance after everything, a retried
/// gift counts once, limits hold under a donor's parallel gifts, bad input is refused with field errors and stores nothing.
/// </summary>
public abstract class GivingTests(DbKind kind)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    internal static object Gift(long cents, string card = TestCards.Succeeds, object? splits = null, string? employer = null, string? occupation = null) => new
    {
        cents, card, splits, name = "Ada Donor", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107", employer, occupation,
    };

    internal static Task<HttpResponseMessage> GiveAsync(HttpClient donor, object gift, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/fund/gifts") { Content = JsonContent.Create(gift) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return donor.SendAsync(request);
    }

    internal static async Task<GiftView> ReadAsync(HttpResponseMessage r, HttpStatusCode expected = HttpStatusCode.Created)
    {
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<GiftView>(Json))!;
    }

    internal static Task<BooksCheck> BooksAsync(AppFactory app) => app.WithScopeAsync(sp => sp.GetRequiredService<Books>().CheckAsync(CancellationToken.None));

    [Fact]
    public async Task A_member_gives_27_dollars_the_books_balance_the_receipt_arrives_and_a_retry_counts_once()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync("Ada Donor");

        var gift = await ReadAsync(await GiveAsync(client, Gift(2700), key: "gift-1"));
        Assert.Equal(GiftStatus.Charged, gift.Status);
        Assert.Equal([new ShareView(FundAccounts.Fund, 2700, 0)], gift.Splits);
        Assert.Equal("4242", gift.CardLast4);
        // The same request again (a retry after a lost answer): the same gift, 200, nothing charged twice.
        var again = await ReadAsync(await GiveAsync(client, Gift(2700), key: "gift-1"), HttpStatusCode.OK);
        Assert.Equal(gift.Id, again.Id);
        var reused = await ProblemAssert.IsProblemAsync(await GiveAsync(client, Gift(5000), key: "gift-1"), HttpStatusCode.BadRequest);
        Assert.Contains(IdempotencyKeys.Field, reused.Keys);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().TestCharges.CountAsync()));

        // The books: one entry, cash debited and the fund credited; the public totals say so (and name no donor).
        var books = await BooksAsync(app);
        Assert.True(books.Balanced);
        Assert.Equal((1L, 2700L, 2700L), (books.Entries, books.Debits, books.Credits));
        var totals = (await app.CreateClient().GetFromJsonAsync<FundTotals>("/api/fund", Json))!;
        Assert.Equal((2700L, 1L, 1L), (totals.RaisedCents, totals.Gifts, totals.Donors));
        Assert.Equal(2700, totals.Recipients.Single(r => r.Account == FundAccounts.Fund).HeldCents);
        Assert.DoesNotContain("Ada", await app.CreateClient().GetStringAsync("/api/fund"));

        // The receipt, by email to the donor, with the amount and the card's last digits only.
        var mail = await app.Smtp.WaitForAsync(donor.Email!, m => m.Subject?.Contains("receipt", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains("$27", mail.Subject);
        Assert.Contains("4242", mail.TextBody);
        Assert.DoesNotContain(TestCards.Succeeds, mail.TextBody);
        Assert.Contains($"/give/gifts/{gift.Id}", mail.TextBody);

        // Their gifts are theirs: listed for them, hidden from other members (a 404, as if there were none).
        var mine = (await client.GetFromJsonAsync<Page<GiftView>>("/api/me/gifts", Json))!;
        Assert.Equal(gift.Id, mine.Items.Single().Id);
        var (_, stranger) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/fund/gifts/{gift.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/fund/gifts/{gift.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/fund/gifts", Gift(2700))).StatusCode);
    }

    [Fact]
    public async Task Bad_gifts_are_refused_with_field_errors_and_nothing_is_charged_or_booked()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (_, client) = await app.MemberAsync();
        async Task Refused(object gift, string field, string? key = null) =>
            Assert.Contains(field, (await ProblemAssert.IsProblemAsync(await GiveAsync(client, gift, key), HttpStatusCode.BadRequest)).Keys);

        await Refused(Gift(0), "cents");
        await Refused(Gift(-2700), "cents");
        await Refused(Gift(99), "cents");
        await Refused(Gift(long.MaxValue), "cents");
        await Refused(new { card = TestCards.Succeeds, name = "A", street = "B", city = "C", state = "PA", zip = "19107" }, "cents");
        // Fractional cents can't be said in whole cents: the body itself is refused, as problem+json.
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/fund/gifts",
            new StringContent("""{"cents": 2700.5, "card": "4242424242424242"}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await Refused(Gift(2700, splits: new[] { new { to = "fund", cents = 2000L } }), "splits");
        await Refused(Gift(2700, splits: new object[] { new { to = "fund", cents = 2700L }, new { to = Guid.NewGuid().ToString(), cents = 0L } }), "splits");
        await Refused(Gift(2700, splits: new[] { new { to = Guid.NewGuid().ToString() } }), "splits");        // not an endorsed candidate
        await Refused(Gift(2700, splits: new[] { new { to = "fund" }, new { to = "fund" } }), "splits");
        await Refused(Gift(2700, splits: new[] { new { to = "'; DROP TABLE gifts; --" } }), "splits");
        await Refused(Gift(2700, card: "4242424242424241"), "card");                                         // fails the check digit
        await Refused(Gift(2700, card: ""), "card");
        await Refused(new { cents = 2700, card = TestCards.Succeeds, name = " ", street = "1 Main", city = "X", state = "ZZ", zip = "1910" }, "state");
        await Refused(new { cents = 2700, card = TestCards.Succeeds, name = "A\nB", street = "1 Main", city = "X", state = "PA", zip = "19107" }, "name");
        await Refused(Gift(2700), IdempotencyKeys.Field, key: new string('k', 101));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.CountAsync()));

        // Declined: a 400 that says so under "card"; the gift is kept as declined, nothing booked, the room given back.
        var declined = await ProblemAssert.IsProblemAsync(await GiveAsync(client, Gift(2700, card: TestCards.Declined)), HttpStatusCode.BadRequest);
        Assert.Contains("declined", string.Join(" ", declined["card"]));
        var broke = await ProblemAssert.IsProblemAsync(await GiveAsync(client, Gift(2700, card: TestCards.InsufficientFunds)), HttpStatusCode.BadRequest);
        Assert.Contains("insufficient", string.Join(" ", broke["card"]));
        // A processing error: nothing charged, and the same key tries again, this time with success.
        Assert.Contains("card", (await ProblemAssert.IsProblemAsync(await GiveAsync(client, Gift(2700, card: TestCards.ProcessingError), key: "flaky"), HttpStatusCode.BadRequest)).Keys);
        var retried = await ReadAsync(await GiveAsync(client, Gift(2700, card: TestCards.ProcessingError), key: "flaky"));
        Assert.Equal(GiftStatus.Charged, retried.Status);

        var books = await BooksAsync(app);
        Assert.True(books.Balanced);
        Assert.Equal((1L, 2700L), (books.Entries, books.Debits));
        var statuses = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.Select(g => g.Status).ToListAsync());
        Assert.Equal([GiftStatus.Charged, GiftStatus.Declined, GiftStatus.Declined], statuses.Order());
        Assert.Equal(2700, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.SumAsync(d => d.Cents)));
        // (A fresh PostgreSQL database logs the migrations table's absence once: not an error of ours.)
        var errors = app.Errors.Where(e => !e.Contains("__EFMigrationsHistory")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>500 gifts from one donor at once against a $100 limit: exactly $100 is given, never more, and the books balance.</summary>
    [Fact]
    public async Task A_key_names_one_gift_and_the_monthly_runs_keys_are_not_a_donors_to_take()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (_, client) = await app.MemberAsync();
        var gift = await ReadAsync(await GiveAsync(client, Gift(2700), key: "one"));
        // The same key for another recipient, another split or a monthly gift is another gift: refused, never answered as done.
        foreach (var other in new object[]
        {
            new { cents = 2700, card = TestCards.Succeeds, monthly = true, timeZone = "America/New_York", name = "Ada", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107" },
            new { cents = 2700, card = TestCards.Succeeds, splits = new[] { new { to = Guid.NewGuid().ToString(), cents = (long?)2700 } }, name = "Ada", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107" },
            new { cents = 2700, card = TestCards.Succeeds, splits = new[] { new { to = "fund", cents = (long?)2600 } }, name = "Ada", street = "1 Main St", city = "Philadelphia", state = "PA", zip = "19107" },
        })
            Assert.Contains(IdempotencyKeys.Field, (await ProblemAssert.IsProblemAsync(await GiveAsync(client, other, key: "one"), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(gift.Id, (await ReadAsync(await GiveAsync(client, Gift(2700), key: "one"), HttpStatusCode.OK)).Id);
        // A month's key ("monthly:{id}:{n}") belongs to the monthly run: a donor who sends one would jam their own monthly gift.
        var squatted = await ProblemAssert.IsProblemAsync(await GiveAsync(client, Gift(2700), key: "Monthly:0192f00000177000800000000001:1"), HttpStatusCode.BadRequest);
        Assert.Contains(IdempotencyKeys.Field, squatted.Keys);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.CountAsync()));
    }

    [Fact]
    public async Task A_treasurer_opens_a_gift_by_its_receipt_number_and_refunds_part_of_it_on_its_page()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (donorMember, donor) = await app.MemberAsync("Ada Donor");
        var gift = await ReadAsync(await GiveAsync(donor, Gift(2700)));
        var (treasurerMember, _) = await app.MemberAsync("Terry Treasurer");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == treasurerMember.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, FundApp.Treasurer).SetProperty(u => u.NormalizedEmail, FundApp.Treasurer.ToUpperInvariant())));
        treasurerMember.Email = FundApp.Treasurer;
        var treasurer = await app.BrowserAsync(treasurerMember);

        var found = await treasurer.GetAsync($"/fund?handler=Find&receipt={gift.Id:N}");
        Assert.Equal($"/give/gifts/{gift.Id}", found.Headers.Location?.ToString());
        Assert.Contains("No gift has this receipt number", Forms.Text(await treasurer.GetStringAsync("/fund?handler=Find&receipt=nope")));
        var page = Forms.Text(await treasurer.GetStringAsync($"/give/gifts/{gift.Id}"));
        Assert.Contains("Given by Ada Donor, Philadelphia, PA.", page);
        Assert.Contains("Amount to refund", page);

        var url = $"/give/gifts/{gift.Id}";
        Assert.Contains("like 27 or 27.50", Forms.Text(await (await Forms.SubmitAsync(treasurer, url, new Dictionary<string, string> { ["Amount"] = "abc" }, url + "?handler=Refund")).Content.ReadAsStringAsync()));
        Assert.Contains("larger than what is left", Forms.Text(await (await Forms.SubmitAsync(treasurer, url, new Dictionary<string, string> { ["Amount"] = "28" }, url + "?handler=Refund")).Content.ReadAsStringAsync()));
        var refunded = await Forms.SubmitAsync(treasurer, url, new Dictionary<string, string> { ["Amount"] = "7" }, url + "?handler=Refund");
        Assert.True(refunded.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Replace(Forms.Text(await refunded.Content.ReadAsStringAsync()), "<[^>]+>", " "));
        Assert.Contains("$7 of it was refunded to the donor's card", Forms.Text(await treasurer.GetStringAsync(url)));
        // The donor reads it on their receipt; another member can neither read the gift nor refund it.
        Assert.Contains("$7 of it was refunded to your card", Forms.Text(await (await app.BrowserAsync(donorMember)).GetStringAsync(url)));
        var stranger = await app.BrowserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        var forbidden = await Forms.SubmitAsync(stranger, "/give", new Dictionary<string, string> { ["Amount"] = "5" }, url + "?handler=Refund");
        Assert.Contains("403", forbidden.Headers.Location?.ToString() ?? "");
        Assert.Equal(700, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.Where(g => g.Id == gift.Id).Select(g => g.RefundedCents).SingleAsync()));
        Assert.True((await BooksAsync(app)).Balanced);
    }

    [Fact]
    public async Task The_give_page_asks_for_a_recipient_instead_of_giving_to_the_fund_when_none_is_ticked()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var browser = await app.BrowserAsync();
        var posted = await Forms.SubmitAsync(browser, "/give", new Dictionary<string, string>
        {
            ["Input.Preset"] = "2700", ["Input.Card"] = TestCards.Succeeds, ["Input.Name"] = "Ada Donor", ["Input.Street"] = "1 Main St", ["Input.City"] = "Philadelphia",
            ["Input.State"] = "PA", ["Input.Zip"] = "19107", ["Input.Key"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Tick at least one recipient", Forms.Text(await posted.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.CountAsync()));
    }

    [Fact]
    public async Task Five_hundred_parallel_gifts_from_one_donor_never_pass_the_limit()
    {
        await using var app = new FundApp(kind, fundLimitCents: 10_000, thresholdCents: 5_000);
        await app.InitializeAsync();
        var (donor, client) = await app.MemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => GiveAsync(client, Gift(100, employer: "Acme", occupation: "Welder"), key: $"p{i}")));
        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{(int)r.StatusCode}"));
        var charged = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Gifts.Where(g => g.DonorId == donor.Id && g.Status == GiftStatus.Charged).SumAsync(g => g.Cents));
        Assert.Equal(10_000, charged); // a hundred $1 gifts: never more, and none refused that fit
        Assert.Equal(charged, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.Where(d => d.DonorId == donor.Id).SumAsync(d => d.Cents)));
        var refused = answers.First(r => r.StatusCode == HttpStatusCode.BadRequest);
        var why = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(why.ContainsKey("cents"), string.Join("; ", why.SelectMany(e => e.Value)));
        Assert.Contains("more", string.Join(" ", why["cents"]));
        var books = await BooksAsync(app);
        Assert.True(books.Balanced);
        Assert.Equal(charged, books.Debits);

        // Past the $50 itemization threshold, a donor who gives no employer and occupation is asked for them.
        var (_, anonymous) = await app.MemberAsync();
        await ReadAsync(await GiveAsync(anonymous, Gift(5_000)));
        var ask = await ProblemAssert.IsProblemAsync(await GiveAsync(anonymous, Gift(100)), HttpStatusCode.BadRequest);
        Assert.Contains("employer", ask.Keys);
        Assert.Contains("occupation", ask.Keys);
        await ReadAsync(await GiveAsync(anonymous, Gift(100, employer: "Self", occupation: "Carpenter")));
    }

    [Fact]
    public async Task Treasurers_refund_in_part_and_in_full_never_more_than_the_gift_and_their_reads_are_audited()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (_, donor) = await app.MemberAsync();
        var gift = await ReadAsync(await GiveAsync(donor, Gift(2700)));
        var (treasurerMember, treasurer) = await app.MemberAsync("Terry Treasurer");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == treasurerMember.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, FundApp.Treasurer).SetProperty(u => u.NormalizedEmail, FundApp.Treasurer.ToUpperInvariant())));
        Task<HttpResponseMessage> Refund(HttpClient who, long? cents, string? key = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fund/gifts/{gift.Id}/refunds") { Content = JsonContent.Create(new { cents }) };
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            return who.SendAsync(request);
        }

        // Not a treasurer: refused, and the donor list too.
        Assert.Equal(HttpStatusCode.Forbidden, (await Refund(donor, 500)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await donor.GetAsync("/api/fund/gifts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await donor.GetAsync("/api/fund/books")).StatusCode);

        Assert.Contains("cents", (await ProblemAssert.IsProblemAsync(await Refund(treasurer, 0), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("cents", (await ProblemAssert.IsProblemAsync(await Refund(treasurer, 2701), HttpStatusCode.BadRequest)).Keys);
        var part = await ReadAsync(await Refund(treasurer, 700, key: "r1"), HttpStatusCode.OK);
        Assert.Equal((700L, GiftStatus.Charged), (part.RefundedCents, part.Status));
        Assert.Equal(700, (await ReadAsync(await Refund(treasurer, 700, key: "r1"), HttpStatusCode.OK)).RefundedCents); // the retry refunds once
        // Ten refunds of $9 at once against the $20 left: two pass, the rest are told what is left.
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Refund(treasurer, 900, key: $"race{i}")));
        Assert.Equal(2, racing.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(racing.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var rest = await ReadAsync(await Refund(treasurer, null), HttpStatusCode.OK);
        Assert.Equal((2700L, GiftStatus.Refunded), (rest.RefundedCents, rest.Status));
        Assert.Contains("cents", (await ProblemAssert.IsProblemAsync(await Refund(treasurer, 1), HttpStatusCode.BadRequest)).Keys);

        // The processor refunded exactly the gift; the books balance and the fund holds nothing of it; the donor's room is back.
        Assert.Equal(2700, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().TestCharges.Select(c => c.RefundedCents).SingleAsync()));
        var check = (await treasurer.GetFromJsonAsync<BooksCheck>("/api/fund/books", Json))!;
        Assert.True(check.Balanced);
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<FundTotals>("/api/fund", Json))!.Recipients.Single().HeldCents);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DonorTotals.SumAsync(d => d.Cents)));

        // The treasurer reads donors' data, and each read is in the audit log.
        var donors = (await treasurer.GetFromJsonAsync<Page<DonorGiftView>>("/api/fund/gifts", Json))!;
        Assert.Equal("Ada Donor", donors.Items.Single().DonorName);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog.AnyAsync(a => a.ActorId == treasurerMember.Id && a.Action == "fund.donors.read")));
        Assert.Equal(4, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog.CountAsync(a => a.Action == "fund.refund")));

        // An address that merely names a treasurer proves nothing until it is confirmed.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == treasurerMember.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false)));
        Assert.Equal(HttpStatusCode.Forbidden, (await treasurer.GetAsync("/api/fund/gifts")).StatusCode);
    }

    [Fact]
    public async Task When_the_processor_refuses_some_of_parallel_refunds_each_refused_one_reverses_its_own_entry()
    {
        await using var app = new FundApp(kind);
        await app.InitializeAsync();
        var (_, donor) = await app.MemberAsync();
        var gift = await ReadAsync(await GiveAsync(donor, Gift(2700)));
        var (treasurerMember, treasurer) = await app.MemberAsync("Terry Treasurer");
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == treasurerMember.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, FundApp.Treasurer).SetProperty(u => u.NormalizedEmail, FundApp.Treasurer.ToUpperInvariant())));
        // $15 was refunded at the processor's own dashboard: our books allow $27 more, the processor only $12.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().TestCharges.ExecuteUpdateAsync(s => s.SetProperty(c => c.RefundedCents, 1500L)));
        long[] amounts = [1000, 500, 300, 200, 400, 100, 150, 50];
        var answers = await Task.WhenAll(amounts.Select((cents, i) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fund/gifts/{gift.Id}/refunds") { Content = JsonContent.Create(new { cents }) };
            request.Headers.Add("Idempotency-Key", $"p{i}");
            return treasurer.SendAsync(request);
        }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{a.StatusCode}: {string.Join("\n", app.Errors)}"));

        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var standing = await db.GiftRefunds.Where(r => r.GiftId == gift.Id).ToListAsync();
            var refunded = await db.Gifts.Where(g => g.Id == gift.Id).Select(g => g.RefundedCents).SingleAsync();
            Assert.Equal(standing.Sum(r => r.Cents), refunded);
            Assert.Equal(1500 + refunded, await db.TestCharges.Select(c => c.RefundedCents).SingleAsync());
            // Every refund entry is either a standing refund's own entry, or reversed by an undo; never both, never neither.
            var entries = await db.LedgerEntries.Where(e => e.GiftId == gift.Id && e.Kind == "refund").Select(e => e.Id).ToListAsync();
            var reversed = await db.LedgerEntries.Where(e => e.GiftId == gift.Id && e.Kind == "refund.undone").Select(e => e.Reverses!.Value).ToListAsync();
            Assert.Equal(entries.Order(), standing.Select(r => r.EntryId).Concat(reversed).Order());
            foreach (var r in standing)
                Assert.Equal(r.Cents, await db.LedgerLines.Where(x => x.EntryId == r.EntryId && x.Account == FundAccounts.Cash).SumAsync(x => x.Cents));
            return 0;
        });
        Assert.True((await BooksAsync(app)).Balanced);
        var held = (await app.CreateClient().GetFromJsonAsync<FundTotals>("/api/fund", Json))!.Recipients.Single().HeldCents;
        Assert.Equal(2700 - (await ReadAsync(await treasurer.GetAsync($"/api/fund/gifts/{gift.Id}"), HttpStatusCode.OK)).RefundedCents, held);
    }
}

public sealed class GivingTests_Sqlite() : GivingTests(DbKind.Sqlite);
public sealed class GivingTests_Postgres() : GivingTests(DbKind.Postgres);
