using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Candidates;
using Grassroots.Features.Fund;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Fund;

/// <summary>
/// Schedule A: the donors past $200 to a recipient in its period, itemized with their aggregate, for treasurers only
/// (audited), as a page, JSON and a CSV in the FEC's columns that a spreadsheet can't run as formulas.
/// </summary>
public abstract class ItemizedReceiptsTests(DbKind kind)
{
    private static object Gift(string name, long cents, string to, string? employer = null, string? occupation = null) => new
    {
        cents, card = "4242424242424242", splits = new[] { new { to } }, name, street = "1 Main St", city = "Seattle", state = "WA", zip = "98101", employer, occupation,
    };

    [Fact]
    public async Task A_treasurer_reads_and_downloads_the_itemized_receipts_of_a_candidate_and_nobody_else_can()
    {
        await using var app = new AllocationApp(kind);
        await app.InitializeAsync();
        var ana = (await app.CandidateAsync("Ana", Stage.Endorsed)).ToString();
        var (_, big) = await app.MemberAsync();
        var (_, small) = await app.MemberAsync();
        var (_, sly) = await app.MemberAsync();
        var first = await GivingTests.ReadAsync(await GivingTests.GiveAsync(big, Gift("Bea Big", 15_000, ana)));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(big, Gift("Bea Big", 10_000, ana, "Acme", "Welder")));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(small, Gift("Sam Small", 5_000, ana)));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(sly, Gift("=HYPERLINK(\"http://evil\")", 30_000, ana, "-Corp", "@Work")));
        await GivingTests.ReadAsync(await GivingTests.GiveAsync(small, Gift("Sam Small", 25_000, "fund", "Union", "Nurse")));
        var treasurer = await app.TreasurerAsync();
        Assert.Equal(HttpStatusCode.OK, (await treasurer.PostAsJsonAsync($"/api/fund/gifts/{first.Id}/refunds", new { cents = 1_000 })).StatusCode);

        // JSON: Bea (twice) and the formula-named donor; Sam gave Ana $50 only and is not itemized for her.
        var report = (await treasurer.GetFromJsonAsync<ReceiptsReport>($"/api/fund/receipts/{ana}", GivingTests.Json))!;
        Assert.Equal(3, report.Items.Count);
        Assert.Null(report.Older);
        Assert.DoesNotContain(report.Items, r => r.DonorName == "Sam Small");
        Assert.Equal(15_000 + 10_000 + 5_000 + 30_000 - 1_000, report.HeldCents);
        Assert.Equal(24_000, report.Items.First(r => r.DonorName == "Bea Big").AggregateCents);   // net of the refund
        Assert.All(report.Items.Where(r => r.DonorName == "Bea Big"), r => Assert.Equal(("Acme", "Welder"), (r.Employer, r.Occupation)));
        // Two a page: newest first, and the cursor leads to the oldest.
        var first2 = (await treasurer.GetFromJsonAsync<ReceiptsReport>($"/api/fund/receipts/{ana}?pageSize=2", GivingTests.Json))!;
        Assert.Equal(["=HYPERLINK(\"http://evil\")", "Bea Big"], first2.Items.Select(r => r.DonorName).ToArray());
        var last = (await treasurer.GetFromJsonAsync<ReceiptsReport>($"/api/fund/receipts/{ana}?pageSize=2&before={first2.Older}", GivingTests.Json))!;
        Assert.Equal((first.Id, (Guid?)null), (last.Items.Single().GiftId, last.Older));

        // The CSV: Schedule A's columns, oldest first, the aggregate as of each gift, formulas kept as text.
        var csv = await treasurer.GetAsync($"/api/fund/receipts/{ana}/schedule-a.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(x => x.TrimEnd('\r')).ToArray();
        Assert.Equal(string.Join(',', ItemizedReceipts.Columns), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"SA11AI,{first.Id:N},IND,Bea Big,1 Main St,Seattle,WA,98101,G2026,", lines[1]);
        // Bea's first gift came before she was asked for her job: it is reported with what she said at her second.
        Assert.EndsWith(",150.00,140.00,Acme,Welder,Refunded 10.00", lines[1]);
        Assert.EndsWith(",100.00,240.00,Acme,Welder,", lines[2]);
        Assert.DoesNotContain(",=HYPERLINK", lines[3]);
        Assert.Contains("'=HYPERLINK", lines[3]);
        Assert.Contains("'-Corp", lines[3]);

        // The fund's own Schedule A: Sam's $250 in the calendar year.
        var fund = await (await treasurer.GetAsync("/api/fund/receipts/fund/schedule-a.csv")).Content.ReadAsStringAsync();
        Assert.Contains("Sam Small", fund);
        Assert.DoesNotContain("Bea Big", fund);

        // Nobody else: members get 403, strangers 401; unknown recipients 404. Each read and download was audited.
        Assert.Equal(HttpStatusCode.Forbidden, (await big.GetAsync($"/api/fund/receipts/{ana}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await big.GetAsync($"/api/fund/receipts/{ana}/schedule-a.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/fund/receipts/{ana}/schedule-a.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasurer.GetAsync($"/api/fund/receipts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasurer.GetAsync("/api/fund/receipts/cash")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasurer.GetAsync("/api/fund/receipts/%27%20OR%201=1/schedule-a.csv")).StatusCode);
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<AuditEntry>().Where(a => a.Action.StartsWith("fund.receipts")).CountAsync());
        Assert.Equal(5, audited);

        // The page, for the treasurer, in a browser; a member who is not one gets no page.
        var member = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.FirstAsync(u => u.Email == FundApp.Treasurer));
        var browser = await app.BrowserAsync(member);
        var page = Forms.Text(await browser.GetStringAsync($"/fund/receipts/{ana}"));
        Assert.Contains("Bea Big", page);
        Assert.Contains("schedule-a.csv", page);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/fund/receipts/{ana}/schedule-a.csv")).StatusCode);
        Assert.Contains($"/fund/receipts/{ana}", await browser.GetStringAsync("/fund"));
        var other = await app.BrowserAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync($"/fund/receipts/{ana}")).StatusCode);
    }
}

public sealed class ItemizedReceiptsTests_Sqlite() : ItemizedReceiptsTests(DbKind.Sqlite);
public sealed class ItemizedReceiptsTests_Postgres() : ItemizedReceiptsTests(DbKind.Postgres);
