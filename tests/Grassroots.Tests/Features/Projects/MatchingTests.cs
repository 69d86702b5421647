using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

public abstract class MatchingTests(AppFactory app)
{
    [Fact]
    public async Task Projects_that_need_you_rank_your_skill_and_nearness_first_and_say_why()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, owner) = await app.MemberAsync();
        async Task LaunchAsync(string title, string? zip, string skill) =>
            Assert.Equal(System.Net.HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/projects", new
            {
                title = $"{title} {tag}", goal = "Goal.", zip, online = zip is null,
                needs = new[] { new { kind = "People", title = $"Need for {title}", skill, quantity = 2 } },
            })).StatusCode);
        await LaunchAsync("Near video", "19103", "video");        // ~1 mi, my skill
        await LaunchAsync("Near canvass", "19103", "canvassing"); // ~1 mi, not my skill
        await LaunchAsync("Far video", "53703", "video");         // Madison: too far
        await LaunchAsync("Online video", null, "video");         // anywhere, my skill

        var (me, client) = await app.MemberAsync("Aisha Khan", "19107");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me", new { displayName = "Aisha Khan", zip = "19107", skills = new[] { "video" } })).StatusCode);

        var matches = (await client.GetFromJsonAsync<List<NeedMatch>>("/api/me/matches?take=50"))!.Where(m => m.ProjectTitle.EndsWith(tag)).ToList();
        Assert.Equal([$"Near video {tag}", $"Online video {tag}", $"Near canvass {tag}"], matches.Select(m => m.ProjectTitle).ToArray());
        Assert.StartsWith("needs Video: your skill", matches[0].Reason);
        Assert.Contains("mi away", matches[0].Reason);
        Assert.Contains("online project", matches[1].Reason);

        // Once I pledge, the need is no longer suggested to me.
        var view = await client.GetFromJsonAsync<ProjectView>($"/api/projects/{matches[0].ProjectId}");
        await client.PostAsJsonAsync($"/api/projects/{view!.Id}/needs/{view.Needs[0].Id}/pledges", new { });
        matches = (await client.GetFromJsonAsync<List<NeedMatch>>("/api/me/matches?take=50"))!.Where(m => m.ProjectTitle.EndsWith(tag)).ToList();
        Assert.DoesNotContain(matches, m => m.ProjectTitle == $"Near video {tag}");
        _ = me;
    }
}

public sealed class MatchingTests_Sqlite(SqliteApp app) : MatchingTests(app), IClassFixture<SqliteApp>;
public sealed class MatchingTests_Postgres(PostgresApp app) : MatchingTests(app), IClassFixture<PostgresApp>;
