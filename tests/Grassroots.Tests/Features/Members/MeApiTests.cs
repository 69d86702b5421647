using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Members;

public abstract class MeApiTests(AppFactory app)
{
    [Fact]
    public async Task A_member_edits_their_profile_and_chooses_what_is_public()
    {
        var (member, client) = await app.MemberAsync("Grace Liu");
        var put = await client.PutAsJsonAsync("/api/me", new
        {
            displayName = "Grace Liu", zip = "94110", skills = new[] { "design", "video" }, tags = new[] { " Figma ", "figma", "Illustration" },
            issues = new[] { "climate" }, availability = new[] { "weekends" }, bio = "Designer.", showSkills = true, openToAsks = true, culture = "es",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var me = (await put.Content.ReadFromJsonAsync<ProfileView>())!;
        Assert.Equal(("San Francisco", "CA"), (me.City, me.State));
        Assert.Equal(["figma", "illustration"], me.Tags);

        var shown = await app.CreateClient().GetFromJsonAsync<PublicMemberView>($"/api/members/{member.Id}");
        Assert.Equal("Grace", shown!.Name);          // full name hidden by default
        Assert.Equal(["design", "video"], shown.Skills); // skills shown: she chose to
        Assert.Empty(shown.Issues);                    // issues hidden: she did not
    }

    [Fact]
    public async Task A_profile_under_review_keeps_its_name_bio_and_tags_until_the_jury_decides()
    {
        var (member, client) = await app.MemberAsync("Eve Adams");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me", new { displayName = "Eve Adams", zip = "19107", bio = "Buy followers at spam.example" })).StatusCode);
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<Grassroots.Features.Moderation.IFlaggableContent>().Single(c => c.ContentType == "member")
                .SetModerationAsync(member.Id.ToString(), Grassroots.Features.Moderation.ContentModeration.UnderReview, CancellationToken.None);
            return 0;
        });
        var cleaned = await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/me",
            new { displayName = "Eve Renamed", zip = "19107", bio = "Nothing to see here" }), HttpStatusCode.BadRequest);
        Assert.True(cleaned.ContainsKey("displayName") || cleaned.ContainsKey("DisplayName"));
        Assert.True(cleaned.ContainsKey("bio") || cleaned.ContainsKey("Bio"));
        var me = (await client.GetFromJsonAsync<ProfileView>("/api/me"))!;
        Assert.Equal(("Eve Adams", "Buy followers at spam.example"), (me.DisplayName, me.Bio));
        // The rest is still hers to change.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me", new { displayName = "Eve Adams", zip = "94110", bio = "Buy followers at spam.example" })).StatusCode);
    }

    [Fact]
    public async Task Bad_profile_input_gets_field_errors_and_the_profile_is_unchanged()
    {
        var (_, client) = await app.MemberAsync("Tom Novak", "53703");
        var put = await client.PutAsJsonAsync("/api/me", new
        {
            displayName = new string('a', 81), zip = "1234", skills = new[] { "juggling" }, tags = Enumerable.Range(0, 30).Select(i => $"t{i}").ToArray(),
            bio = new string('b', 2001), culture = "fr",
        });
        var errors = await ProblemAssert.IsProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.All(new[] { "DisplayName", "Zip", "Skills", "Tags", "Bio", "Culture" }, f => Assert.True(errors.ContainsKey(f), f));
        Assert.Contains("juggling", errors["Skills"][0]);
        var me = await client.GetFromJsonAsync<ProfileView>("/api/me");
        Assert.Equal(("Tom Novak", "53703"), (me!.DisplayName, me.Zip));
    }

    [Fact]
    public async Task A_member_downloads_their_data_and_the_read_is_audited()
    {
        var (member, client) = await app.MemberAsync("Elena Vargas");
        var created = await client.PostAsJsonAsync("/api/groups", new { name = $"Export {Guid.NewGuid():N}"[..20], kind = "Issue" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var response = await client.GetAsync("/api/me/export");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(member.Email, doc.RootElement.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("Organizer", doc.RootElement.GetProperty("memberships")[0].GetProperty("role").GetString());
        var project = (await (await client.PostAsJsonAsync("/api/projects", new { title = "Export project", goal = "G.", online = true,
            needs = new[] { new { kind = "Hours", title = "Help", quantity = 10 } } })).Content.ReadFromJsonAsync<Grassroots.Features.Projects.ProjectView>())!;
        await client.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 3, note = "evenings" });
        // A second export lists the first one in the member's access log, and the projects and pledges.
        using var again = JsonDocument.Parse(await client.GetStringAsync("/api/me/export"));
        Assert.Contains(again.RootElement.GetProperty("accessLog").EnumerateArray(), a => a.GetProperty("action").GetString() == "member.export");
        Assert.Equal("Export project", again.RootElement.GetProperty("projectsOwned")[0].GetProperty("title").GetString());
        Assert.Equal("evenings", again.RootElement.GetProperty("pledges")[0].GetProperty("note").GetString());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog
            .AnyAsync(a => a.Action == "member.export" && a.ActorId == member.Id)));
    }

    [Fact]
    public async Task Deleting_an_account_erases_the_person_keeps_their_group_and_hands_it_to_a_member()
    {
        var (founder, client) = await app.MemberAsync("Daniel Brooks");
        var group = (await (await client.PostAsJsonAsync("/api/groups", new { name = $"Handover {Guid.NewGuid():N}"[..22], kind = "Chapter", zip = "60615" }))
            .Content.ReadFromJsonAsync<GroupView>())!;
        var (heir, heirClient) = await app.MemberAsync("Aisha Khan");
        await heirClient.PostAsync($"/api/groups/{group.Id}/join", null);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/me")).StatusCode);

        var gone = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == founder.Id));
        Assert.NotNull(gone.DeletedAt);
        Assert.Equal("", gone.DisplayName);
        Assert.DoesNotContain("@example.org", gone.Email);
        Assert.Null(gone.PasswordHash);
        Assert.Null(gone.Zip);

        var view = await heirClient.GetFromJsonAsync<GroupView>($"/api/groups/{group.Id}");
        Assert.Equal("Former member", view!.FounderName); // the group stays, its founder anonymous
        Assert.Equal(GroupRole.Organizer, view.MyRole);     // the longest-standing member took over
        Assert.Equal(1, view.MemberCount);

        // The old credentials no longer work.
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = founder.Email, password = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Visitors_cannot_read_or_change_a_profile()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/me")).StatusCode);
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/members/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}

public sealed class MeApiTests_Sqlite(SqliteApp app) : MeApiTests(app), IClassFixture<SqliteApp>;
public sealed class MeApiTests_Postgres(PostgresApp app) : MeApiTests(app), IClassFixture<PostgresApp>;
