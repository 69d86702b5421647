using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

/// <summary>
/// The project page as a reader meets it: its browser title, where a form sent with a mistake takes
/// them, the separators of its summary line, and what an owner is told about co-owners.
/// </summary>
public abstract partial class ProjectPageReaderTests(AppFactory app)
{
    /// <summary>A project launched through the API; the owner's browser (cookies) to use its page.</summary>
    private async Task<(HttpClient Owner, ProjectView Project)> LaunchAsync((Grassroots.Features.Members.Member Member, HttpClient Api)? by = null, object? body = null)
    {
        var (member, api) = by ?? await app.MemberAsync("Rosa Parks");
        var title = $"Mural {Guid.NewGuid():N}"[..20];
        var created = await api.PostAsJsonAsync("/api/projects", body ?? new { title, goal = "Paint the wall on Girard Avenue.", zip = "19125" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await app.BrowserAsync(member), (await created.Content.ReadFromJsonAsync<ProjectView>())!);
    }

    [Fact]
    public async Task Every_page_that_shows_a_project_titles_the_browser_tab_with_it()
    {
        var (owner, project) = await LaunchAsync();
        Assert.Equal($"{project.Title} · Grassroots", TitleOf(await app.CreateClient().GetStringAsync($"/projects/{project.Slug}")));
        // A use case's page that shows the project again with what to fix (an empty update) has it too.
        var refused = await Forms.SubmitAsync(owner, $"/projects/{project.Slug}", new Dictionary<string, string> { ["body"] = "" }, $"/projects/{project.Slug}/updates");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal($"{project.Title} · Grassroots", TitleOf(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_form_sent_with_a_mistake_comes_back_focused_on_its_first_invalid_field()
    {
        var (owner, project) = await LaunchAsync();
        var update = await Forms.SubmitAsync(owner, $"/projects/{project.Slug}", new Dictionary<string, string> { ["body"] = " " }, $"/projects/{project.Slug}/updates");
        Assert.Equal("textarea name=\"body\"", Autofocused(await update.Content.ReadAsStringAsync()));

        // A need without its amount: the add-a-need section is open and the amount is where the reader lands.
        var need = await Forms.SubmitAsync(owner, $"/projects/{project.Slug}",
            new Dictionary<string, string> { ["need.Title"] = "Ladders", ["need.Kind"] = "Thing", ["need.Quantity"] = "" }, $"/projects/{project.Slug}/needs");
        var html = await need.Content.ReadAsStringAsync();
        Assert.Equal("input name=\"need.Quantity\"", Autofocused(html));
        Assert.Matches("<details open=\"open\">\\s*<summary>Add a need</summary>", html);

        // The launch form: the end before the start.
        var launch = await Forms.SubmitAsync(owner, "/projects/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Backwards dates", ["Input.Goal"] = "Check the dates of the form.", ["Input.Online"] = "true",
            ["Input.StartsOn"] = "2027-05-10", ["Input.EndsOn"] = "2027-05-01",
        });
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        Assert.Equal("input name=\"Input.EndsOn\"", Autofocused(await launch.Content.ReadAsStringAsync()));

        // Without a mistake, nothing takes the focus away from the top of the page.
        Assert.Empty(AutofocusedElements(await owner.GetStringAsync($"/projects/{project.Slug}")));
    }

    [Fact]
    public async Task The_summary_line_keeps_a_space_on_both_sides_of_each_separator()
    {
        var (member, api) = await app.MemberAsync("Rosa Parks");
        var group = (await (await api.PostAsJsonAsync("/api/groups", new { name = $"East Austin {Guid.NewGuid():N}"[..24], kind = "Chapter", zip = "78702", radiusMiles = 5 }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var (_, project) = await LaunchAsync((member, api), new
        {
            title = $"Tool library {Guid.NewGuid():N}"[..24], goal = "Lend tools to neighbors.", zip = "78702", radiusMiles = 3,
            groupId = group.Id, startsOn = "2027-03-01", endsOn = "2027-06-30",
        });
        var html = await app.CreateClient().GetStringAsync($"/projects/{project.Slug}?culture=es");
        var meta = Regex.Replace(Forms.Text(Regex.Replace(MetaLine().Match(html).Groups[1].Value, "<[^>]+>", "")), @"\s+", " ").Trim();
        Assert.Contains($"en un radio de 3 millas · {group.Name} · ", meta);
        Assert.DoesNotMatch(@"\S·|·\S", meta);
    }

    [Fact]
    public async Task An_owner_whose_project_no_one_follows_is_told_co_owners_come_from_followers()
    {
        var (owner, project) = await LaunchAsync();
        var alone = await owner.GetStringAsync($"/projects/{project.Slug}");
        Assert.Contains("Co-owners are chosen among the project&#x27;s followers", alone);
        Assert.DoesNotContain("Invite a co-owner", alone);

        var (_, follower) = await app.MemberAsync("Dolores Huerta");
        Assert.Equal(HttpStatusCode.NoContent, (await follower.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        var followed = await owner.GetStringAsync($"/projects/{project.Slug}");
        Assert.Contains("Invite a co-owner", followed);
        Assert.DoesNotContain("Co-owners are chosen among the project&#x27;s followers", followed);
    }

    private static string TitleOf(string html) => Forms.Text(Regex.Match(html, "<title>(.*?)</title>").Groups[1].Value);

    private static List<string> AutofocusedElements(string html) =>
        Regex.Matches(html, "<(\\w+)[^>]*\\sautofocus[\\s=>][^>]*>").Select(m => m.Value).ToList();

    /// <summary>The one element that takes the focus, as "tag name=\"…\"".</summary>
    private static string Autofocused(string html)
    {
        var element = Assert.Single(AutofocusedElements(html));
        return $"{Regex.Match(element, "^<(\\w+)").Groups[1].Value} {Regex.Match(element, "name=\"[^\"]*\"").Value}";
    }

    [GeneratedRegex("<header>\\s*<hgroup>.*?</hgroup>\\s*<p class=\"meta\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex MetaLine();
}

public sealed class ProjectPageReaderTests_Sqlite(SqliteApp app) : ProjectPageReaderTests(app), IClassFixture<SqliteApp>;
public sealed class ProjectPageReaderTests_Postgres(PostgresApp app) : ProjectPageReaderTests(app), IClassFixture<PostgresApp>;
