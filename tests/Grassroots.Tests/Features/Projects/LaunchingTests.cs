using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

public abstract class LaunchingTests(AppFactory app)
{
    private static object Online(string title, Guid? groupId = null) => new { title, goal = "Register 1,000 voters.", online = true, groupId };

    [Fact]
    public async Task Fifty_parallel_launches_of_one_title_make_fifty_projects_at_fifty_addresses()
    {
        var title = $"Voter drive {Guid.NewGuid():N}"[..26];
        var founders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.MemberAsync()));
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => founders[i % founders.Length].Client.PostAsJsonAsync("/api/projects", Online(title))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var projects = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<ProjectView>())!));
        Assert.Equal(50, projects.Select(p => p.Id).Distinct().Count());
        Assert.Equal(50, projects.Select(p => p.Slug).Distinct().Count());
        Assert.All(projects, p => Assert.StartsWith(Grassroots.Infrastructure.Text.Slugs.From(title, "project"), p.Slug));
        foreach (var p in projects.Take(5))
            Assert.Equal(p.Id, (await founders[0].Client.GetFromJsonAsync<ProjectView>($"/api/projects/{p.Slug}"))!.Id);
    }

    [Fact]
    public async Task A_project_is_attached_only_to_a_group_its_owner_belongs_to_and_the_groups_organizers_may_detach_it()
    {
        var (_, organizer) = await app.MemberAsync();
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Tenants {Guid.NewGuid():N}"[..20], kind = "Issue" }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var (_, outsider) = await app.MemberAsync();

        // "Official … fundraiser" on a group the launcher is not in: refused, and nothing appears on the group's page.
        var refused = await ProblemAssert.IsProblemAsync(await outsider.PostAsJsonAsync("/api/projects", Online("Official tenants fundraiser", group.Id)), HttpStatusCode.BadRequest);
        Assert.Contains("Join the group first", refused["GroupId"][0]);
        var mine = (await (await outsider.PostAsJsonAsync("/api/projects", Online($"My fundraiser {Guid.NewGuid():N}"[..24]))).Content.ReadFromJsonAsync<ProjectView>())!;
        var moved = await ProblemAssert.IsProblemAsync(await outsider.PutAsJsonAsync($"/api/projects/{mine.Id}", Online(mine.Title, group.Id)), HttpStatusCode.BadRequest);
        Assert.True(moved.ContainsKey("GroupId"));
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?groupId={group.Id}"))!.Items);

        // A member may; then the group's organizers, and only they, may detach it.
        Assert.Equal(HttpStatusCode.NoContent, (await outsider.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        var attached = (await (await outsider.PostAsJsonAsync("/api/projects", Online($"Rent strike fund {Guid.NewGuid():N}"[..28], group.Id))).Content.ReadFromJsonAsync<ProjectView>())!;
        Assert.Equal(group.Id, attached.GroupId);
        Assert.Single((await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?groupId={group.Id}"))!.Items);
        await ProblemAssert.IsProblemAsync(await outsider.DeleteAsync($"/api/projects/{attached.Id}/group"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await organizer.DeleteAsync($"/api/projects/{attached.Id}/group")).StatusCode);
        Assert.Empty((await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?groupId={group.Id}"))!.Items);
        Assert.Null((await outsider.GetFromJsonAsync<ProjectView>($"/api/projects/{attached.Id}"))!.GroupId);
    }

    [Fact]
    public async Task Nobody_becomes_an_owner_without_accepting_and_a_declined_invitation_makes_no_owner()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", Online($"Teach-in {Guid.NewGuid():N}"[..22]))).Content.ReadFromJsonAsync<ProjectView>())!;
        var (invitee, inviteeClient) = await app.MemberAsync("Cesar Chavez");
        Assert.Equal(HttpStatusCode.NoContent, (await inviteeClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = invitee.Id })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(invitee.Email!, m => m.Subject?.Contains(project.Title) == true);
        Assert.Contains($"/projects/{project.Slug}", mail.TextBody);
        Assert.Single((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.OwnerNames); // not named on the project

        Assert.Equal(HttpStatusCode.NoContent, (await inviteeClient.DeleteAsync($"/api/projects/{project.Id}/owners/invitation")).StatusCode);
        var late = await ProblemAssert.IsProblemAsync(await inviteeClient.PostAsync($"/api/projects/{project.Id}/owners/me", null), HttpStatusCode.BadRequest);
        Assert.Contains("no invitation", late["projectId"][0]);
        Assert.False((await inviteeClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);

        // Accepting twice at once makes one owner.
        var (other, otherClient) = await app.MemberAsync("Dolores Huerta");
        Assert.Equal(HttpStatusCode.NoContent, (await otherClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = other.Id })).StatusCode);
        var both = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => otherClient.PostAsync($"/api/projects/{project.Id}/owners/me", null)));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(2, (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.OwnerNames.Count);
    }
}

public sealed class LaunchingTests_Sqlite(SqliteApp app) : LaunchingTests(app), IClassFixture<SqliteApp>;
public sealed class LaunchingTests_Postgres(PostgresApp app) : LaunchingTests(app), IClassFixture<PostgresApp>;
