using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

public abstract class ProjectPagesTests(AppFactory app)
{
    /// <summary>A browser posts every row of the form, the empty ones too.</summary>
    private static Dictionary<string, string> WithEmptyRows(Dictionary<string, string> fields)
    {
        for (var i = 0; i < Grassroots.Features.Projects.Pages.ProjectForm.NeedRows; i++)
            foreach (var f in new[] { "Title", "Quantity", "Skill" })
                fields.TryAdd($"Input.Needs[{i}].{f}", "");
        for (var i = 0; i < Grassroots.Features.Projects.Pages.ProjectForm.NeedRows; i++) fields.TryAdd($"Input.Needs[{i}].Kind", "People");
        return fields;
    }

    [Fact]
    public async Task The_owner_edits_the_project_on_its_edit_page_and_a_bad_title_is_explained()
    {
        var client = await app.BrowserAsync();
        var title = $"Community garden {Guid.NewGuid():N}"[..29];
        var launched = await Forms.SubmitAsync(client, "/projects/new", WithEmptyRows(new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Goal"] = "Grow food on the empty lot.", ["Input.Zip"] = "60615",
        }));
        var slug = launched.Headers.Location!.OriginalString.Split('/').Last();
        Assert.Contains("Edit the project", await client.GetStringAsync($"/projects/{slug}"));

        var fields = new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Goal"] = "Grow food on two lots.", ["Input.Zip"] = "60615", ["Input.RadiusMiles"] = "3" };
        var refused = await Forms.SubmitAsync(client, $"/projects/{slug}/edit", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the project a title.", Forms.Text(await refused.Content.ReadAsStringAsync()));

        fields["Input.Title"] = title + " and orchard";
        var saved = await Forms.SubmitAsync(client, $"/projects/{slug}/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var project = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.SingleAsync(p => p.Slug == slug));
        Assert.Equal((title + " and orchard", "Grow food on two lots.", 3), (project.Title, project.Goal, project.RadiusMiles));

        var stranger = await app.BrowserAsync();
        var denied = await stranger.GetAsync($"/projects/{slug}/edit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/error/403", denied.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task The_owner_invites_a_follower_to_co_own_from_the_project_page_and_they_own_it_once_they_accept()
    {
        var client = await app.BrowserAsync();
        var launched = await Forms.SubmitAsync(client, "/projects/new", WithEmptyRows(new Dictionary<string, string>
        {
            ["Input.Title"] = $"Phone bank {Guid.NewGuid():N}"[..24], ["Input.Goal"] = "Call 5,000 voters.", ["Input.Online"] = "true",
        }));
        var slug = launched.Headers.Location!.OriginalString.Split('/').Last();
        var (helper, helperClient) = await app.MemberAsync("Dolores Huerta");
        var project = (await helperClient.GetFromJsonAsync<ProjectView>($"/api/projects/{slug}"))!;
        Assert.Equal(HttpStatusCode.NoContent, (await helperClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Contains("Dolores", await client.GetStringAsync($"/projects/{slug}"));

        var invited = await Forms.SubmitAsync(client, $"/projects/{slug}", new Dictionary<string, string> { ["memberId"] = helper.Id.ToString() }, $"/projects/{slug}/team?handler=invite");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.False((await helperClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner); // not before saying yes
        var invitations = await helperClient.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations");
        Assert.Equal(project.Id, Assert.Single(invitations!).ProjectId);
        Assert.Equal(HttpStatusCode.NoContent, (await helperClient.PostAsync($"/api/projects/{project.Id}/owners/me", null)).StatusCode);
        Assert.True((await helperClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);
        Assert.Empty((await helperClient.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations"))!);
    }

    [Fact]
    public async Task The_launch_form_creates_a_project_with_the_needs_filled_in_and_skips_empty_rows()
    {
        var client = await app.BrowserAsync();
        var title = $"Free tax clinic {Guid.NewGuid():N}"[..28];
        var response = await Forms.SubmitAsync(client, "/projects/new", WithEmptyRows(new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Goal"] = "Help 300 families file for free.", ["Input.Zip"] = "60615",
            ["Input.Needs[0].Title"] = "Volunteers who know taxes", ["Input.Needs[0].Kind"] = "People", ["Input.Needs[0].Quantity"] = "6", ["Input.Needs[0].Skill"] = "legal",
            ["Input.Needs[2].Title"] = "Printing", ["Input.Needs[2].Kind"] = "Money", ["Input.Needs[2].Quantity"] = "150.50",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Include(p => p.Needs).SingleAsync(p => p.Title == title));
        Assert.Equal([("Volunteers who know taxes", 6L, "legal"), ("Printing", 15_050L, (string?)null)],
            project.Needs.OrderBy(n => n.Kind).Select(n => (n.Title, n.Quantity, n.Skill)).ToArray());

        var page = Forms.Text(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("$0 of $150.50", page); // cents shown as money, not "$150.5"
        Assert.Contains("Pledges to answer", page);
    }

    [Fact]
    public async Task Bad_need_rows_are_marked_on_the_row_the_volunteer_typed_them_in()
    {
        var client = await app.BrowserAsync();
        var response = await Forms.SubmitAsync(client, "/projects/new", WithEmptyRows(new Dictionary<string, string>
        {
            ["Input.Title"] = "Row errors", ["Input.Goal"] = "Test.", ["Input.Online"] = "true",
            ["Input.Needs[2].Title"] = "Billboard", ["Input.Needs[2].Kind"] = "Money", ["Input.Needs[2].Quantity"] = "5000000",
        }));
        var html = Forms.Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A money goal can be at most $1,000,000.", html);
        Assert.Matches("name=\"Input.Needs\\[2\\].Quantity\"[^>]*aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_volunteer_pledges_from_the_page_and_a_double_click_counts_once()
    {
        var (_, owner) = await app.MemberAsync();
        var created = await owner.PostAsJsonAsync("/api/projects", new { title = $"Banner {Guid.NewGuid():N}"[..20], goal = "A banner.", online = true,
            needs = new[] { new { kind = "Money", title = "Fabric", quantity = 10_000 } } });
        var project = (await created.Content.ReadFromJsonAsync<ProjectView>())!;
        var client = await app.BrowserAsync();
        var page = await client.GetStringAsync($"/projects/{project.Slug}");
        var key = System.Text.RegularExpressions.Regex.Match(page, "name=\"key\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["needId"] = project.Needs[0].Id.ToString(), ["key"] = key, ["amount"] = "25", ["note"] = "Happy to help" };
        var first = await Forms.SubmitAsync(client, $"/projects/{project.Slug}", fields, $"/projects/{project.Slug}/pledge");
        var second = await Forms.SubmitAsync(client, $"/projects/{project.Slug}", fields, $"/projects/{project.Slug}/pledge");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var need = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.Equal(2_500, need.Reserved); // $25 once, in cents
    }

    [Fact]
    public async Task A_groups_page_lists_the_projects_launched_for_it()
    {
        var (_, organizer) = await app.MemberAsync();
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Tenants {Guid.NewGuid():N}"[..20], kind = "Issue" }))
            .Content.ReadFromJsonAsync<Grassroots.Features.Groups.GroupView>())!;
        var title = $"Rent strike fund {Guid.NewGuid():N}"[..26];
        Assert.Equal(HttpStatusCode.Created, (await organizer.PostAsJsonAsync("/api/projects", new { title, goal = "Support tenants.", online = true, groupId = group.Id })).StatusCode);
        var bad = await ProblemAssert.IsProblemAsync(await organizer.PostAsJsonAsync("/api/projects", new { title = "X", goal = "Y.", online = true, groupId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        Assert.True(bad.ContainsKey("GroupId"));
        var page = Forms.Text(await app.CreateClient().GetStringAsync($"/groups/{group.Slug}"));
        Assert.Contains(title, page);
    }

    [Fact]
    public async Task Similar_projects_are_pointed_out_while_writing_and_on_the_page()
    {
        var (_, owner) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await owner.PostAsJsonAsync("/api/projects", new { title = $"Voter registration drive {tag}", goal = "Register students at Temple University to vote.", zip = "19122" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await owner.PostAsJsonAsync("/api/projects", new { title = $"Community garden {tag}", goal = "Grow food on an empty lot.", zip = "19122" });

        var visitor = app.CreateClient();
        var similar = await visitor.GetFromJsonAsync<List<SimilarProject>>($"/api/projects/similar?title=Student voter registration&goal=register students to vote&zip=19107");
        Assert.Equal($"Voter registration drive {tag}", similar![0].Title);
        Assert.DoesNotContain(similar, s => s.Title.StartsWith("Community garden"));
        var fragment = await visitor.GetStringAsync("/projects/similar?Input.Title=voter+registration+students");
        Assert.Contains($"Voter registration drive {tag}", fragment);
        Assert.Empty(await visitor.GetFromJsonAsync<List<SimilarProject>>("/api/projects/similar?title=a&goal=the") ?? []);
    }
}

public sealed class ProjectPagesTests_Sqlite(SqliteApp app) : ProjectPagesTests(app), IClassFixture<SqliteApp>;
public sealed class ProjectPagesTests_Postgres(PostgresApp app) : ProjectPagesTests(app), IClassFixture<PostgresApp>;
