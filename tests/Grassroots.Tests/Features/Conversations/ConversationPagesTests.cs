using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Platform;
using Grassroots.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Conversations;

/// <summary>Conversations through their pages: vote by plain forms, write a statement, read the map without script, turn common ground into an amendment.</summary>
public abstract class ConversationPagesTests(AppFactory app)
{
    private const string Long = "Everyone deserves a living wage, paid leave, affordable child care, and a secure retirement after a lifetime of work.";

    [Fact]
    public async Task The_amendment_form_asks_which_plank_and_preselects_the_one_given()
    {
        var (member, api) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(api);
        var browser = await app.BrowserAsync(member);
        var second = doc.Planks.ElementAt(1).Key;
        // Coming with a plank (a conversation on that plank): the form opens on it, with a way to choose another.
        var form = await browser.GetStringAsync($"/platform/{doc.Slug}/amend?plank={second}&kind=AddPlank&text=Paid+leave.");
        Assert.Contains("Propose a change to plank 2", Forms.Text(form));
        var other = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, @"href=""([^""]*choose=true[^""]*)""").Groups[1].Value);
        var list = await browser.GetStringAsync(other);
        Assert.Matches($@"<option value=""{second}"" selected=""selected"">2\. ", list);
        Assert.Contains("name=\"Text\" value=\"Paid leave.\"", list);
        // Continuing without a choice says what is missing; a plank no longer in the text asks for one that is.
        Assert.Contains("Choose the plank the amendment goes with.", Forms.Text(await browser.GetStringAsync($"/platform/{doc.Slug}/amend?kind=AddPlank&plank=")));
        Assert.Contains("Choose a plank", await browser.GetStringAsync($"/platform/{doc.Slug}/amend?plank={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task The_moderator_sees_how_many_statements_wait_and_lists_only_those()
    {
        var (host, hostApi) = await app.MemberAsync();
        var started = await hostApi.PostAsJsonAsync("/api/conversations", new { topic = "Waiting", statementsNeedApproval = true, seeds = new[] { "Fund the schools." } });
        var c = (await started.Content.ReadFromJsonAsync<ConversationView>())!;
        var (_, writer) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync($"/api/conversations/{c.Slug}/statements", new { text = "Pay teachers more." })).StatusCode);
        var browser = await app.BrowserAsync(host);
        var url = $"/conversations/{c.Slug}/moderate";
        var waiting = Forms.Text(await browser.GetStringAsync(url + "?waiting=true"));
        Assert.Contains("1 waits for a moderator", waiting);
        Assert.Contains("Pay teachers more.", waiting);
        Assert.DoesNotContain("Fund the schools.", waiting);
        // Accepted from the waiting list: back on it, and nothing waits.
        var accepted = await Forms.SubmitAsync(browser, url + "?waiting=true", new Dictionary<string, string> { ["number"] = "1", ["accept"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("waiting=true", accepted.Headers.Location!.ToString());
        Assert.Contains("Nothing waits: every statement has been read.", Forms.Text(await browser.GetStringAsync(url + "?waiting=true")));
    }

    [Fact]
    public async Task Rejecting_a_statement_asks_for_a_reason_none_is_chosen_for_the_moderator()
    {
        var (host, hostApi) = await app.MemberAsync();
        var started = await hostApi.PostAsJsonAsync("/api/conversations", new { topic = "Reasons", seeds = new[] { "Buy cheap watches here.", "Fund the schools." } });
        var c = (await started.Content.ReadFromJsonAsync<ConversationView>())!;
        var url = $"/conversations/{c.Slug}/moderate";
        var browser = await app.BrowserAsync(host);
        var page = await browser.GetStringAsync(url);
        Assert.Matches(@"<select id=""r-0"" name=""reason""[^>]*>\s*<option value="""" selected>Why reject it\?</option>", page);
        Assert.DoesNotMatch(@"<option value=""[A-Za-z]+"" selected", page);
        // Rejecting with no reason chosen: an error at that statement's reasons, and nothing rejected.
        var refused = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["number"] = "0", ["accept"] = "false", ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches(@"<select id=""r-0"" name=""reason"" aria-invalid=""true"" aria-describedby=""r-0-error""", html);
        Assert.Contains("id=\"r-0-error\">Say why: spam, off topic, a duplicate, or against the community values.</span>", html);
        Assert.NotEqual(StatementStatus.Rejected, (await hostApi.GetFromJsonAsync<Page<StatementView>>($"/api/conversations/{c.Slug}/statements"))!.Items.Single(s => s.Number == 0).Status);
        // So does the API.
        await ProblemAssert.IsProblemAsync(await hostApi.PutAsJsonAsync($"/api/conversations/{c.Slug}/statements/0/moderation", new { accept = false }), HttpStatusCode.BadRequest);
        // With a reason it is rejected.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["number"] = "0", ["accept"] = "false", ["reason"] = "Spam" })).StatusCode);
        Assert.Equal(StatementStatus.Rejected, (await hostApi.GetFromJsonAsync<Page<StatementView>>($"/api/conversations/{c.Slug}/statements"))!.Items.Single(s => s.Number == 0).Status);
    }

    [Fact]
    public async Task Members_vote_through_forms_and_the_map_page_shows_groups_common_ground_and_the_amendment_link()
    {
        var (creator, creatorApi) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creatorApi);
        var started = await creatorApi.PostAsJsonAsync("/api/conversations", new { topic = "Wages", documentId = doc.Id, seeds = new[] { Long, "Raise taxes on the rich.", "Cut taxes on the rich." } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var c = (await started.Content.ReadFromJsonAsync<ConversationView>())!;
        var url = $"/conversations/{c.Slug}";
        // A member who does not facilitate the document cannot attach a conversation to it.
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync("/api/conversations", new { topic = "Mine", documentId = doc.Id }), HttpStatusCode.Forbidden);

        Assert.Contains("The map is not drawn yet", Forms.Text(await app.CreateClient().GetStringAsync(url + "/map")));
        var voters = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var (m, _) = await app.MemberAsync();
            var browser = await app.BrowserAsync(m);
            voters.Add(browser);
            for (var s = 0; s < 3; s++)
            {
                var page = await browser.GetStringAsync(url);
                var shown = int.Parse(System.Text.RegularExpressions.Regex.Match(page, "name=\"statement\" value=\"(\\d+)\"").Groups[1].Value);
                var vote = shown == 0 ? "1" : (shown == 1) == (i % 2 == 0) ? "1" : "-1";
                Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["statement"] = shown.ToString(), ["vote"] = vote }, url + "?handler=Vote")).StatusCode);
            }
            Assert.Contains("You voted on every statement", Forms.Text(await browser.GetStringAsync(url)));
        }
        var bad = await Forms.SubmitAsync(voters[0], url, new Dictionary<string, string> { ["Text"] = new string('x', 500) }, url + "?handler=Write");
        Assert.Contains("Keep a statement under 400 characters", Forms.Text(await bad.Content.ReadAsStringAsync()));

        await app.WithScopeAsync(async sp => { await sp.GetRequiredService<OpinionRecompute>().ComputeAsync(c.Id, CancellationToken.None); return 0; });
        var map = Forms.Text(await voters[0].GetStringAsync(url + "/map"));
        Assert.Contains("<svg", map);
        Assert.Contains("<circle", map);
        Assert.Contains("Common ground", map);
        Assert.Contains(Long, map);
        Assert.Contains("You are in group", map);
        // Someone who has voted once is told how many more votes put them on the map, and that the map lags behind.
        var newcomer = await app.BrowserAsync((await app.MemberAsync()).Member);
        var first = int.Parse(System.Text.RegularExpressions.Regex.Match(await newcomer.GetStringAsync(url), "name=\"statement\" value=\"(\\d+)\"").Groups[1].Value);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(newcomer, url, new Dictionary<string, string> { ["statement"] = first.ToString(), ["vote"] = "1" }, url + "?handler=Vote")).StatusCode);
        var notYet = Forms.Text(await newcomer.GetStringAsync(url + "/map"));
        Assert.Contains("You are not on the map yet: vote on 2 more statements to appear.", notYet);
        Assert.Matches("more (person has|people have) taken part: people appear once they have voted on 3 statements", notYet);
        // The conversation is on the document, not on one plank: the member chooses the plank, the statement is the text
        // and the title is the statement cut between two words.
        var link = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(map, $@"href=""(/platform/{doc.Slug}/amend\?[^""]+)""").Groups[1].Value);
        Assert.DoesNotContain("plank=", link);
        Assert.Contains("kind=AddPlank", link);
        Assert.Contains("title=" + Uri.EscapeDataString("Common ground: Everyone deserves a living wage, paid leave, affordable child care, and a secure retirement after a…"), link);
        var choose = await voters[0].GetStringAsync(link);
        Assert.Contains("Choose a plank", choose);
        Assert.All(doc.Planks, p => Assert.Contains($"value=\"{p.Key}\"", choose));
        Assert.Contains("The new plank goes after", choose);
        var chosen = Forms.Text(await voters[0].GetStringAsync($"{link}&plank={doc.Planks.ElementAt(1).Key}"));
        Assert.Contains("Propose a change to plank 2", chosen);
        Assert.Contains(Long, chosen);
        // Moderation is the moderators' page alone.
        Assert.Equal(HttpStatusCode.NotFound, (await voters[0].GetAsync(url + "/moderate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.BrowserAsync(creator)).GetAsync(url + "/moderate")).StatusCode);
    }
}

public sealed class ConversationPagesTests_Sqlite(SqliteApp app) : ConversationPagesTests(app), IClassFixture<SqliteApp>;
public sealed class ConversationPagesTests_Postgres(PostgresApp app) : ConversationPagesTests(app), IClassFixture<PostgresApp>;
