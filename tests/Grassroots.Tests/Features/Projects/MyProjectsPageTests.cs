using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

/// <summary>/projects/mine: what a member runs, follows and promised, and the invitations waiting for their answer.</summary>
public abstract class MyProjectsPageTests(AppFactory app)
{
    private async Task<(ProjectView Project, HttpClient InviteeBrowser, HttpClient InviteeApi)> InvitedAsync(string title)
    {
        var (_, owner) = await app.MemberAsync("Rosa Parks");
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title, goal = "Collect food for the pantry.", online = true }))
            .Content.ReadFromJsonAsync<ProjectView>())!;
        var (invitee, api) = await app.MemberAsync("Dolores Huerta");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = invitee.Id })).StatusCode);
        return (project, await app.BrowserAsync(invitee), api);
    }

    [Fact]
    public async Task A_pending_co_owner_invitation_is_listed_with_accept_and_decline_and_accepting_there_makes_an_owner()
    {
        var title = $"Food drive {Guid.NewGuid():N}"[..22];
        var (project, browser, api) = await InvitedAsync(title);

        var mine = await browser.GetStringAsync("/projects/mine");
        Assert.Contains("Invitations to co-own a project", mine);
        Assert.Contains($"<a href=\"/projects/{project.Slug}\">{title}</a>", mine);
        Assert.Contains("invited by Rosa", mine);
        Assert.Contains($"action=\"/projects/{project.Slug}/team?handler=accept\"", mine);
        Assert.Contains($"action=\"/projects/{project.Slug}/team?handler=decline\"", mine);

        // The form's button does what it says (with the antiforgery token the page carries).
        var accepted = await Forms.SubmitAsync(browser, "/projects/mine", new Dictionary<string, string>(), $"/projects/{project.Slug}/team?handler=accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True((await api.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);
        Assert.DoesNotContain("Invitations to co-own a project", await browser.GetStringAsync("/projects/mine"));
    }

    [Fact]
    public async Task Declining_from_my_projects_ends_the_invitation_and_says_nothing_more_about_it()
    {
        var (project, browser, api) = await InvitedAsync($"Tool library {Guid.NewGuid():N}"[..24]);
        Assert.Contains("Invitaciones para ser corresponsable", await browser.GetStringAsync("/projects/mine?culture=es"));

        var declined = await Forms.SubmitAsync(browser, "/projects/mine", new Dictionary<string, string>(), $"/projects/{project.Slug}/team?handler=decline");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.False((await api.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);
        Assert.Empty((await api.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations"))!);
        Assert.DoesNotContain("Invitations to co-own a project", await browser.GetStringAsync("/projects/mine"));
    }
}

public sealed class MyProjectsPageTests_Sqlite(SqliteApp app) : MyProjectsPageTests(app), IClassFixture<SqliteApp>;
public sealed class MyProjectsPageTests_Postgres(PostgresApp app) : MyProjectsPageTests(app), IClassFixture<PostgresApp>;
