using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Home;

/// <summary>Finding your way: a member's own home page, a directory that starts from their ZIP, chapters that already cover a place.</summary>
public abstract class HomePageTests(AppFactory app)
{
    private static async Task<GroupView> FoundAsync(HttpClient client, string name, GroupKind kind, string? zip, int? radius = null)
    {
        var response = await client.PostAsJsonAsync("/api/groups", new { name, kind = kind.ToString(), zip, radiusMiles = radius, description = "We meet." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GroupView>())!;
    }

    [Fact]
    public async Task A_members_home_shows_their_groups_projects_waiting_pledges_and_what_needs_them_and_a_visitor_sees_both_ways_in()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (owner, ownerApi) = await app.MemberAsync("Olga Owner");
        var group = await FoundAsync(ownerApi, $"Home chapter {tag}", GroupKind.Chapter, "19107", 5);
        var project = (await (await ownerApi.PostAsJsonAsync("/api/projects", new
        {
            title = $"Home mural {tag}", goal = "Paint a wall.", online = true,
            needs = new[] { new { kind = "People", title = "Painters", skill = "design", quantity = 3 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var (volunteer, volunteerApi) = await app.MemberAsync("Val Volunteer");
        Assert.Equal(HttpStatusCode.Created, (await volunteerApi.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { })).StatusCode);

        var ownerHome = Forms.Text(await (await app.BrowserAsync(owner)).GetStringAsync("/"));
        Assert.Contains("My groups", ownerHome);
        Assert.Contains(group.Name, ownerHome);
        Assert.Contains(project.Title, ownerHome);
        Assert.Contains("1 pledge to answer", ownerHome);
        Assert.DoesNotContain("Largest groups", ownerHome);

        var volunteerHome = Forms.Text(await (await app.BrowserAsync(volunteer)).GetStringAsync("/"));
        Assert.Contains("My pledges waiting for an answer", volunteerHome);
        Assert.Contains(project.Title, volunteerHome);
        Assert.Contains("Projects that need you", volunteerHome);

        var visitor = Forms.Text(await app.CreateClient().GetStringAsync("/"));
        Assert.Contains("Ways in", visitor);
        Assert.Contains("href=\"/platform\"", visitor);
        Assert.Contains("href=\"/projects\"", visitor);
        Assert.Contains("href=\"/groups\"", visitor);
        Assert.DoesNotContain("My groups", visitor);
    }

    [Fact]
    public async Task The_directory_starts_from_the_members_zip_and_lists_nationwide_and_issue_groups_beside_the_chapters_in_range()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, api) = await app.MemberAsync();
        var near = await FoundAsync(api, $"Center City {tag}", GroupKind.Chapter, "19107", 5);
        var far = await FoundAsync(api, $"Austin East {tag}", GroupKind.Chapter, "78702", 5);
        var issue = await FoundAsync(api, $"Climate {tag}", GroupKind.Issue, null);

        var (member, _) = await app.MemberAsync(zip: "19103");
        var browser = await app.BrowserAsync(member);
        var html = Forms.Text(await browser.GetStringAsync($"/groups?q={tag}"));
        Assert.Contains("near your ZIP code, 19103", html);
        Assert.Contains(near.Name, html);
        Assert.DoesNotContain(far.Name, html);
        Assert.Contains("Open to you wherever you live", html);
        Assert.Contains(issue.Name, html);

        // A sent form with the ZIP emptied searches everywhere.
        var everywhere = Forms.Text(await browser.GetStringAsync($"/groups?q={tag}&near="));
        Assert.Contains(far.Name, everywhere);
        Assert.DoesNotContain("near your ZIP code", everywhere);
    }

    [Fact]
    public async Task Founding_a_chapter_inside_another_chapters_area_shows_it_first_and_a_repeated_name_links_to_the_group()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, api) = await app.MemberAsync();
        var existing = await FoundAsync(api, $"South Side {tag}", GroupKind.Chapter, "19147", 10);
        var browser = await app.BrowserAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = $"Passyunk {tag}", ["Input.Kind"] = "Chapter", ["Input.Zip"] = "19148", ["Input.RadiusMiles"] = "3", ["Input.Description"] = "Our blocks.",
        };
        var shown = await Forms.SubmitAsync(browser, "/groups/new", fields);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = Forms.Text(await shown.Content.ReadAsStringAsync());
        Assert.Contains($"{existing.Name} covers this place", html);
        Assert.Contains($"href=\"/groups/{existing.Slug}\"", html);
        Assert.Contains("Start mine anyway", html);

        fields["FoundAnyway"] = "true";
        var founded = await Forms.SubmitAsync(browser, "/groups/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, founded.StatusCode);

        // The same name again: the error links to the group there is.
        var duplicate = await Forms.SubmitAsync(browser, "/groups/new", fields);
        var dupHtml = Forms.Text(await duplicate.Content.ReadAsStringAsync());
        Assert.Contains("already a Chapter group called", dupHtml);
        Assert.Contains($"href=\"{founded.Headers.Location}\"", dupHtml);
    }
}

public sealed class HomePageTests_Sqlite(SqliteApp app) : HomePageTests(app), IClassFixture<SqliteApp>;
public sealed class HomePageTests_Postgres(PostgresApp app) : HomePageTests(app), IClassFixture<PostgresApp>;
