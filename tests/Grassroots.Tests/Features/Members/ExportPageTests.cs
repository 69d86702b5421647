using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Members;

/// <summary>The data export reads as a page, in sections, beside the JSON download of the same data.</summary>
public abstract class ExportPageTests(AppFactory app)
{
    [Fact]
    public async Task The_export_page_shows_each_part_of_the_download_in_english_and_spanish()
    {
        var (member, api) = await app.MemberAsync("Marisol Peña");
        var group = $"Export page {Guid.NewGuid():N}"[..24];
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/groups", new { name = group, kind = "Issue" })).StatusCode);
        var project = (await (await api.PostAsJsonAsync("/api/projects", new { title = "Seed library", goal = "Share seeds.", online = true,
            needs = new[] { new { kind = "Hours", title = "Sorting seeds", quantity = 10 } } })).Content.ReadFromJsonAsync<Grassroots.Features.Projects.ProjectView>())!;
        await api.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 3, note = "Tuesday evenings" });
        var (_, neighbor) = await app.MemberAsync("Nico Vecino");
        Assert.Equal(HttpStatusCode.Created, (await neighbor.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/me/notices/settings", new { settings = new Dictionary<string, string> { ["PledgeReceived"] = "Digest" } })).StatusCode);
        var browser = await app.BrowserAsync(member);

        var page = await browser.GetAsync("/me/export?culture=en");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var en = Forms.Text(await page.Content.ReadAsStringAsync());
        // A section per part of the download, and the member's own data in it.
        foreach (var section in new[] { "Profile", "My groups", "Projects I run", "What I pledged", "Flags I raised", "Who read or changed my data" })
            Assert.Contains($">{section}</h2>", en);
        Assert.Contains(member.Email!, en);
        Assert.Contains(group, en);
        Assert.Contains("Seed library", en);
        Assert.Contains("Sorting seeds", en);
        Assert.Contains("Tuesday evenings", en);
        Assert.Contains("href=\"/me/export/json\"", en);

        var es = Forms.Text(await browser.GetStringAsync("/me/export?culture=es"));
        Assert.Contains(">Proyectos que llevo</h2>", es);
        Assert.Contains(">Mis compromisos</h2>", es);
        Assert.Contains("Tuesday evenings", es);
        // Other features' parts in words too: notices as the bell shows them, choices by name, no codes.
        Assert.Contains(">Avisos</h2>", es);
        Assert.Contains("Nico se comprometió con", es);
        Assert.Contains(">Cómo me entero de los avisos</h2>", es);
        Assert.DoesNotContain("PledgeReceived", es);
        Assert.DoesNotContain("Digest", es);

        // The download beside it holds the same data, as JSON.
        var download = await browser.GetAsync("/me/export/json");
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal("Tuesday evenings", doc.RootElement.GetProperty("pledges")[0].GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/me/export/xml")).StatusCode);
    }
}

public sealed class ExportPageTests_Sqlite(SqliteApp app) : ExportPageTests(app), IClassFixture<SqliteApp>;
public sealed class ExportPageTests_Postgres(PostgresApp app) : ExportPageTests(app), IClassFixture<PostgresApp>;
