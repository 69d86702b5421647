using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Moderation;

/// <summary>What moderation says to a reader, in their language: no internal keys or type names.</summary>
public abstract class ModerationWordsTests(AppFactory app)
{
    private async Task<ProjectView> ProjectAsync()
    {
        var (_, owner) = await app.MemberAsync();
        return (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Community mural {Guid.NewGuid():N}"[..26], goal = "Paint the wall.", online = true }))
            .Content.ReadFromJsonAsync<ProjectView>())!;
    }

    [Fact]
    public async Task A_flag_without_a_value_lists_the_values_by_their_titles_in_the_readers_language()
    {
        var project = await ProjectAsync();
        var browser = await app.BrowserAsync();
        var form = $"/flag?type=project&id={project.Id}";
        var sent = await Forms.SubmitAsync(browser, form, new Dictionary<string, string>
        {
            ["type"] = "project", ["id"] = project.Id.ToString(), ["reason"] = "It was posted three times with the same words.",
        }, form + "&culture=es");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var html = Forms.Text(await sent.Content.ReadAsStringAsync());
        Assert.Contains("Elige el valor comunitario que esto contradice: Respeto a la diferencia, Diálogo constructivo, Sin acoso ni odio, No violencia, Privacidad, Veracidad, Sin spam.", html);
        Assert.DoesNotContain("respect, dialogue, no-harassment", html);

        // The API says the same in English.
        var (_, api) = await app.MemberAsync();
        var errors = await ProblemAssert.IsProblemAsync(await api.PostAsJsonAsync("/api/flags",
            new { contentType = "project", contentId = project.Id.ToString(), value = "rudeness", reason = "It was posted three times." }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Choose the community value this goes against: Respect for difference, Constructive dialogue,", errors["value"][0]);
    }

    [Fact]
    public async Task The_log_names_the_kind_of_content_in_the_readers_language()
    {
        var project = await ProjectAsync();
        var (_, api) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/flags",
            new { contentType = "project", contentId = project.Id.ToString(), value = "no-spam", reason = "It was posted three times with the same words." })).StatusCode);

        var log = Forms.Text(await app.CreateClient().GetStringAsync("/moderation?culture=es"));
        Assert.Contains($"Proyecto: {project.Title}", log);
        Assert.DoesNotContain($"project: {project.Title}", log);
    }
}

public sealed class ModerationWordsTests_Sqlite(SqliteApp app) : ModerationWordsTests(app), IClassFixture<SqliteApp>;
public sealed class ModerationWordsTests_Postgres(PostgresApp app) : ModerationWordsTests(app), IClassFixture<PostgresApp>;
