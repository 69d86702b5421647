using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Members;

/// <summary>
/// The JSON API reads bearer tokens only. A browser sends its sign-in cookie with any site's
/// request, and the API's body-less writes carry no antiforgery token: with the cookie accepted,
/// any page a member visited could join groups or follow projects in their name.
/// </summary>
public abstract class ApiAuthenticationTests(AppFactory app)
{
    [Fact]
    public async Task A_sign_in_cookie_does_not_act_through_the_api()
    {
        var (_, founder) = await app.MemberAsync("Group Founder");
        var group = (await (await founder.PostAsJsonAsync("/api/groups", new { name = $"Cookie test {Guid.NewGuid():N}"[..24], kind = "Issue" })).Content.ReadFromJsonAsync<GroupView>())!;
        var (member, bearer) = await app.MemberAsync();
        var browser = await app.BrowserAsync(member); // signed in with the cookie

        // A request another site's page makes the browser send: the cookie goes along, and nothing happens.
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{group.Id}/join");
        forged.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Null((await bearer.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}"))!.MyRole);

        // The cookie still serves the pages, and a bearer token the API.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
        Assert.True((await bearer.PostAsync($"/api/groups/{group.Id}/join", null)).IsSuccessStatusCode);
        Assert.Equal(GroupRole.Member, (await bearer.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}"))!.MyRole);
        // Signing in through the API works from a browser that has the cookie too.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(browser, member.Email!)).StatusCode);
    }
}

public sealed class ApiAuthenticationTests_Sqlite(SqliteApp app) : ApiAuthenticationTests(app), IClassFixture<SqliteApp>;
public sealed class ApiAuthenticationTests_Postgres(PostgresApp app) : ApiAuthenticationTests(app), IClassFixture<PostgresApp>;
