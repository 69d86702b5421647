using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Projects;

public abstract class HelpersTests(AppFactory app)
{
    [Fact]
    public async Task Owners_see_people_who_could_help_and_ask_them_without_seeing_their_address()
    {
        var (_, owner) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title = $"Legal clinic {tag}", goal = "Free advice.", zip = "19107",
            needs = new[] { new { kind = "People", title = "Lawyers", skill = "legal", quantity = 2 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;

        async Task<Grassroots.Features.Members.Member> PersonAsync(string name, string zip, bool open, bool showSkills, params string[] skills)
        {
            var (m, c) = await app.MemberAsync(name, zip);
            Assert.Equal(HttpStatusCode.OK, (await c.PutAsJsonAsync("/api/me", new { displayName = name, zip, skills, openToAsks = open, showSkills })).StatusCode);
            return m;
        }
        var lawyer = await PersonAsync($"Lawyer {tag}", "19103", true, true, "legal");
        var discreet = await PersonAsync($"Discreet {tag}", "19103", true, false, "legal", "childcare");
        var shy = await PersonAsync($"Shy {tag}", "19103", false, true, "legal");
        var far = await PersonAsync($"Far {tag}", "53703", true, true, "legal");

        var helpers = (await owner.GetFromJsonAsync<List<HelperMatch>>($"/api/projects/{project.Id}/helpers?take=50"))!;
        var found = Assert.Single(helpers, h => h.MemberId == lawyer.Id);
        Assert.Contains("can do Legal", found.Reason);
        Assert.Equal(5, found.WithinMiles); // a band, never the exact distance that would pinpoint a ZIP
        Assert.DoesNotContain(helpers, h => h.MemberId == shy.Id || h.MemberId == far.Id);
        var json = await owner.GetStringAsync($"/api/projects/{project.Id}/helpers?take=50");
        Assert.DoesNotContain("@", json);
        Assert.DoesNotContain("distanceMiles", json);
        // A member who keeps their skills private is still near and open to asks, but their skills are not shown (nor ranked on).
        var private_ = Assert.Single(helpers, h => h.MemberId == discreet.Id);
        Assert.Empty(private_.MatchingSkills);
        Assert.DoesNotContain("Legal", private_.Reason);
        Assert.True(helpers.IndexOf(found) < helpers.IndexOf(private_));

        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/projects/{project.Id}/helpers"), HttpStatusCode.Forbidden);
        var refused = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/invitations", new { memberId = shy.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("not agreed", refused["memberId"][0]);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/invitations", new { memberId = lawyer.Id, message = "Could you give two evenings?" })).StatusCode);
        var mail = await app.Smtp.WaitForAsync(lawyer.Email!, m => m.Subject?.Contains(tag) == true);
        Assert.Contains("Could you give two evenings?", mail.TextBody);
        Assert.Matches(@"http://localhost(:\d+)?/projects/", mail.TextBody); // absolute: it is read in a mailbox
    }

    [Fact]
    public async Task Moving_the_project_around_tells_an_owner_nothing_finer_than_the_members_public_city()
    {
        // An owner moves a project ZIP by ZIP and reads the bands; measured from the member's ZIP they
        // pinpointed it (four moves). Two members at opposite ends of Philadelphia must look alike.
        var (_, owner) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title = $"Probe {tag}", goal = "Find out.", zip = "19111",
            needs = new[] { new { kind = "People", title = "Helpers", skill = "legal", quantity = 2 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var ids = new List<Guid>();
        foreach (var zip in new[] { "19128", "19148" })
        {
            var (m, c) = await app.MemberAsync($"Member {zip} {tag}", zip);
            Assert.Equal(HttpStatusCode.OK, (await c.PutAsJsonAsync("/api/me", new { displayName = $"Member {zip} {tag}", zip, skills = new[] { "legal" }, openToAsks = true, showSkills = true })).StatusCode);
            ids.Add(m.Id);
        }
        foreach (var probe in new[] { "19111", "08030", "19003", "08104", "19128", "19148" })
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/projects/{project.Id}", new
            {
                title = project.Title, goal = project.Goal, zip = probe,
            })).StatusCode);
            var helpers = (await owner.GetFromJsonAsync<List<HelperMatch>>($"/api/projects/{project.Id}/helpers?take=50"))!;
            var bands = ids.Select(id => Assert.Single(helpers, h => h.MemberId == id).WithinMiles).ToList();
            Assert.True(bands[0] == bands[1], $"from {probe}: {bands[0]} against {bands[1]} miles");
        }
    }
}

public sealed class HelpersTests_Sqlite(SqliteApp app) : HelpersTests(app), IClassFixture<SqliteApp>;
public sealed class HelpersTests_Postgres(PostgresApp app) : HelpersTests(app), IClassFixture<PostgresApp>;
