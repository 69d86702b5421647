using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Conversations;
using Grassroots.Tests.Features.Platform;
using Grassroots.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Conversations;

/// <summary>Conversations through their pages: vote by plain forms, write a statement, read the map without script, turn common ground into an amendment.</summary>
public abstract class ConversationPagesTests(AppFactory app)
{
    [Fact]
    public async Task Members_vote_through_forms_and_the_map_page_shows_groups_common_ground_and_the_amendment_link()
    {
        var (creator, creatorApi) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creatorApi);
        var started = await creatorApi.PostAsJsonAsync("/api/conversations", new { topic = "Wages", documentId = doc.Id, seeds = new[] { "Everyone deserves a living wage.", "Raise taxes on the rich.", "Cut taxes on the rich." } });
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
        Assert.Contains("Everyone deserves a living wage.", map);
        Assert.Contains($"/platform/{doc.Slug}/amend?plank=", map);
        Assert.Contains("kind=AddPlank", map);
        // Moderation is the moderators' page alone.
        Assert.Equal(HttpStatusCode.NotFound, (await voters[0].GetAsync(url + "/moderate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.BrowserAsync(creator)).GetAsync(url + "/moderate")).StatusCode);
    }
}

public sealed class ConversationPagesTests_Sqlite(SqliteApp app) : ConversationPagesTests(app), IClassFixture<SqliteApp>;
public sealed class ConversationPagesTests_Postgres(PostgresApp app) : ConversationPagesTests(app), IClassFixture<PostgresApp>;
