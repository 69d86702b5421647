using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Moderation;

public abstract class FlagsTests(AppFactory app)
{
    [Fact]
    public async Task A_flag_is_public_in_the_log_without_the_reporter_and_visible_to_the_groups_organizers()
    {
        var (_, organizer) = await app.MemberAsync();
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Flagged {Guid.NewGuid():N}"[..20], kind = "Issue" })).Content.ReadFromJsonAsync<GroupView>())!;
        var (reporter, client) = await app.MemberAsync("Sam Whitfield");
        var reason = $"The description doxxes a neighbor {Guid.NewGuid():N}";
        var created = await client.PostAsJsonAsync("/api/flags", new { contentType = "group", contentId = group.Id.ToString(), value = "privacy", reason });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var log = await app.CreateClient().GetFromJsonAsync<Page<FlagView>>("/api/moderation?pageSize=100");
        var entry = Assert.Single(log!.Items, f => f.Reason == reason);
        Assert.Equal(group.Name, entry.ContentTitle);
        var raw = await app.CreateClient().GetStringAsync("/api/moderation?pageSize=100");
        Assert.DoesNotContain(reporter.Id.ToString(), raw);

        // The organizer sees it on the group page.
        var html = await organizer.GetStringAsync($"/groups/{group.Slug}");
        Assert.Contains("Flags on this group", html);
    }

    [Fact]
    public async Task The_flag_form_states_the_reasons_length_before_it_is_sent_in_english_and_spanish()
    {
        var (_, organizer) = await app.MemberAsync();
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Form rules {Guid.NewGuid():N}"[..22], kind = "Issue" })).Content.ReadFromJsonAsync<GroupView>())!;
        var browser = await app.BrowserAsync();
        var en = Forms.Text(await browser.GetStringAsync($"/flag?type=group&id={group.Id}&culture=en"));
        // The field carries the server's rules, and a hint tied to it says them in words.
        var field = System.Text.RegularExpressions.Regex.Match(en, "<textarea[^>]*name=\"reason\"[^>]*>").Value;
        Assert.Contains("minlength=\"10\"", field);
        Assert.Contains("maxlength=\"1000\"", field);
        Assert.Contains("required", field);
        Assert.Contains("aria-describedby=\"reason-hint\"", field);
        Assert.Contains("<small id=\"reason-hint\">A sentence or two, at least 10 and at most 1000 characters.", en);
        var es = Forms.Text(await browser.GetStringAsync($"/flag?type=group&id={group.Id}&culture=es"));
        Assert.Contains("<small id=\"reason-hint\">Una o dos frases, de 10 a 1000 caracteres.", es);
    }

    [Fact]
    public async Task Flagging_twice_an_unknown_value_a_short_reason_or_missing_content_are_clear_errors()
    {
        var (target, _) = await app.MemberAsync();
        var (_, client) = await app.MemberAsync();
        var ok = new { contentType = "member", contentId = target.Id.ToString(), value = "truthfulness", reason = "Impersonates a candidate's staff." };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/flags", ok)).StatusCode);
        var twice = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/flags", ok), HttpStatusCode.BadRequest);
        Assert.Contains("already flagged", twice["contentId"][0]);

        var bad = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/flags",
            new { contentType = "planet", contentId = "", value = "rudeness", reason = "meh" }), HttpStatusCode.BadRequest);
        Assert.True(bad.ContainsKey("contentType") && bad.ContainsKey("contentId") && bad.ContainsKey("value") && bad.ContainsKey("reason"));

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/flags",
            new { contentType = "group", contentId = Guid.NewGuid().ToString(), value = "no-spam", reason = "This is spam, plainly." }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Parallel_duplicate_flags_count_once()
    {
        var (target, _) = await app.MemberAsync();
        var (_, client) = await app.MemberAsync();
        var body = new { contentType = "member", contentId = target.Id.ToString(), value = "no-spam", reason = "Posts the same ad everywhere." };
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/flags", body)));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task The_community_values_are_published()
    {
        var values = await app.CreateClient().GetFromJsonAsync<List<CommunityValue>>("/api/values");
        Assert.Contains(values!, v => v.Key == "respect");
        Assert.Contains("Tolerate difference and dissent", await app.CreateClient().GetStringAsync("/values"));
    }
}

public sealed class FlagsTests_Sqlite(SqliteApp app) : FlagsTests(app), IClassFixture<SqliteApp>;
public sealed class FlagsTests_Postgres(PostgresApp app) : FlagsTests(app), IClassFixture<PostgresApp>;
