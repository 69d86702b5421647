using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Members;

/// <summary>Deleting the account, changing or resetting the password end every session and token at once.</summary>
public abstract class SessionTests(AppFactory app)
{
    private static object Flag(Guid groupId) => new { contentType = "group", contentId = groupId.ToString(), value = "privacy", reason = "A home address is listed." };

    [Fact]
    public async Task A_deleted_accounts_token_can_no_longer_act()
    {
        var (_, owner) = await app.MemberAsync("Project Owner");
        var group = (await (await owner.PostAsJsonAsync("/api/groups", new { name = $"Session {Guid.NewGuid():N}"[..22], kind = "Issue" })).Content.ReadFromJsonAsync<GroupView>())!;
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Session project {Guid.NewGuid():N}", goal = "G.", online = true,
            needs = new[] { new { kind = "Hours", title = "Help", quantity = 10 } } })).Content.ReadFromJsonAsync<ProjectView>())!;

        var (_, leaver) = await app.MemberAsync("Leaving Soon");
        var token = leaver.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.NoContent, (await leaver.DeleteAsync("/api/me")).StatusCode);

        var stale = WithToken(app, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.PostAsJsonAsync("/api/projects", new { title = "After deletion", goal = "G.", online = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.PostAsJsonAsync("/api/flags", Flag(group.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_accounts_cookie_no_longer_loads_pages()
    {
        var (member, _) = await app.MemberAsync();
        var browser = Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, "/account/signin", SignInForm(member.Email!))).StatusCode);
        var other = Browser(app); // a second signed-in browser of the same member
        await Forms.SubmitAsync(other, "/account/signin", SignInForm(member.Email!));
        // A page that asks only "signed in?" (the profile page also looks the member up, and would refuse anyway).
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/groups/new")).StatusCode);

        var deleted = await Forms.SubmitAsync(browser, "/me/delete", new Dictionary<string, string> { ["Confirmation"] = "DELETE" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var page = await other.GetAsync("/groups/new");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_tokens_but_not_this_browser()
    {
        var (member, apiClient) = await app.MemberAsync();
        var browser = Browser(app);
        await Forms.SubmitAsync(browser, "/account/signin", SignInForm(member.Email!));
        var other = Browser(app);
        await Forms.SubmitAsync(other, "/account/signin", SignInForm(member.Email!));

        var wrong = await Forms.SubmitAsync(browser, "/me/password", new Dictionary<string, string>
            { ["Input.CurrentPassword"] = "not my password", ["Input.NewPassword"] = "a new passphrase" });
        Assert.Contains("That is not your current password.", Forms.Text(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await apiClient.GetAsync("/api/me")).StatusCode);

        var changed = await Forms.SubmitAsync(browser, "/me/password", new Dictionary<string, string>
            { ["Input.CurrentPassword"] = AppFactory.Password, ["Input.NewPassword"] = "a new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/groups/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/groups/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiClient.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_through_the_api_returns_new_tokens_and_ends_the_old_ones()
    {
        var (_, client) = await app.MemberAsync();
        var old = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var bad = await client.PostAsJsonAsync("/api/auth/manage/password", new { currentPassword = "wrong one", newPassword = "short" });
        var errors = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(errors.ContainsKey("CurrentPassword") && errors.ContainsKey("NewPassword"));

        var tokens = await TokensAsync(await client.PostAsJsonAsync("/api/auth/manage/password", new { currentPassword = AppFactory.Password, newPassword = "a new passphrase" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(app, old).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(app, tokens.AccessToken).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_every_token()
    {
        var (member, client) = await app.MemberAsync();
        // A device someone signed in on before the reset (the thief's): after it, it is no known device.
        var stolenDevice = (await TokensAsync(await LoginAsync(app.CreateClient(), member.Email!))).DeviceToken;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/forgotPassword", new { email = member.Email })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.Subject!.Contains("Reset"));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"http\S+/account/reset\?\S+").Value).PathAndQuery;
        var (userId, code) = LinkParts(link);
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().PostAsJsonAsync("/api/auth/resetPassword", new { userId, code, password = "reset passphrase" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.CreateClient(), member.Email!, "reset passphrase")).StatusCode);

        // Unknown devices paused by wrong guesses: the old device's budget of its own is gone with the old password.
        for (var i = 0; i < 6; i++) await LoginAsync(app.CreateClient(), member.Email!, "a wrong guess " + i, deviceToken: stolenDevice);
        var fromOldDevice = await LoginAsync(app.CreateClient(), member.Email!, "reset passphrase", deviceToken: stolenDevice);
        Assert.Equal(HttpStatusCode.Unauthorized, fromOldDevice.StatusCode);
        Assert.Contains("paused", await fromOldDevice.Content.ReadAsStringAsync());
    }
}

public sealed class SessionTests_Sqlite(SqliteApp app) : SessionTests(app), IClassFixture<SqliteApp>;
public sealed class SessionTests_Postgres(PostgresApp app) : SessionTests(app), IClassFixture<PostgresApp>;
