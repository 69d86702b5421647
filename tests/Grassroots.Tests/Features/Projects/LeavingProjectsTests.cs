using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

/// <summary>Deleting an account hands over the projects one ran alone and frees the slots one had promised.</summary>
public abstract class LeavingProjectsTests(AppFactory app)
{
    [Fact]
    public async Task A_sole_owner_who_deletes_their_account_leaves_the_project_to_the_follower_who_accepts_it()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title = $"Tool library {Guid.NewGuid():N}"[..24], goal = "Lend tools to neighbours.", online = true,
            needs = new[] { new { kind = "People", title = "Librarians", quantity = 2, skill = "canvassing" } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var (_, first) = await app.MemberAsync();
        var (_, second) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/me")).StatusCode);

        Assert.False((await first.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner); // offered, not imposed
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/projects/{project.Id}/owners/me", null)).StatusCode);
        var seenByFirst = await first.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}");
        Assert.True(seenByFirst!.IAmOwner);
        Assert.False((await second.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);
        Assert.DoesNotContain("Former member", seenByFirst.OwnerNames);
        // The founder is shown as a former member, in the reader's language.
        var page = await app.CreateClient().GetStringAsync($"/projects/{project.Slug}?culture=es");
        Assert.Contains("creado por Exmiembro", page);
        // The heir can run it: post an update.
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "I'll keep the library going." })).StatusCode);
    }

    [Fact]
    public async Task A_pledger_who_deletes_their_account_frees_the_slot_they_held()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title = $"Bike repair {Guid.NewGuid():N}"[..24], goal = "Fix bikes for free.", online = true,
            needs = new[] { new { kind = "People", title = "Mechanics", quantity = 1, skill = "canvassing", autoAccept = true } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var need = project.Needs[0];
        var (_, leaver) = await app.MemberAsync();
        var (_, next) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await leaver.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{need.Id}/pledges", new { })).StatusCode);
        var full = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.True(full.Closed);
        Assert.Equal(1, full.Filled);

        Assert.Equal(HttpStatusCode.NoContent, (await leaver.DeleteAsync("/api/me")).StatusCode);

        var reopened = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.False(reopened.Closed);
        Assert.Equal(0, reopened.Filled);
        Assert.Equal(0, reopened.Reserved);
        Assert.Equal(HttpStatusCode.Created, (await next.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{need.Id}/pledges", new { })).StatusCode);
    }
}

public sealed class LeavingProjectsTests_Sqlite(SqliteApp app) : LeavingProjectsTests(app), IClassFixture<SqliteApp>;
public sealed class LeavingProjectsTests_Postgres(PostgresApp app) : LeavingProjectsTests(app), IClassFixture<PostgresApp>;
