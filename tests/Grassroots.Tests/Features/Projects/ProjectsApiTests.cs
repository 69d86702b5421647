using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

public abstract class ProjectsApiTests(AppFactory app)
{
    private static object NewProject(string title, params object[] needs) => new
    {
        title, goal = "Get 500 neighbors to the town hall on the minimum wage.", description = "We **knock doors** on Saturdays.",
        zip = "19107", radiusMiles = 10, needs,
    };

    private static object People(string title, int quantity, bool autoAccept = false, string skill = "canvassing") =>
        new { kind = "People", title, skill, quantity, autoAccept };

    private async Task<ProjectView> LaunchAsync(HttpClient owner, object body)
    {
        var response = await owner.PostAsJsonAsync("/api/projects", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProjectView>())!;
    }

    private static Task<HttpResponseMessage> PledgeAsync(HttpClient client, ProjectView p, NeedView n, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{p.Id}/needs/{n.Id}/pledges") { Content = JsonContent.Create(body ?? new { }) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Anyone_launches_a_project_with_needs_at_once_and_owns_it()
    {
        var (_, owner) = await app.MemberAsync("Winnie Wong");
        var project = await LaunchAsync(owner, NewProject($"Town hall turnout {Guid.NewGuid():N}"[..30],
            People("Canvassers", 3), new { kind = "Money", title = "Flyers and coffee", quantity = 25_000 }));
        Assert.Equal(ProjectStatus.Active, project.Status);
        Assert.True(project.IAmOwner);
        Assert.Equal(["Winnie"], project.OwnerNames);
        Assert.Equal(2, project.Needs.Count);
        Assert.All(project.Needs, n => Assert.Equal(0, n.PercentFilled));
        Assert.Contains("<strong>knock doors</strong>", project.DescriptionHtml);
        Assert.Equal(("Philadelphia", 10), (project.City, project.RadiusMiles));
    }

    [Fact]
    public async Task Absurd_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        var (_, owner) = await app.MemberAsync();
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync());
        var response = await owner.PostAsJsonAsync("/api/projects", new
        {
            title = "", goal = new string('g', 301), zip = (string?)null, online = false, startsOn = "2026-12-10", endsOn = "2026-12-01",
            needs = new object[]
            {
                new { kind = "People", title = "Canvassers", quantity = -3 },
                new { kind = "Money", title = "Billboard", quantity = 100_000_000_000 },
                new { title = "Mystery" },
                new { kind = "People", title = "Jugglers", skill = "juggling", quantity = 2 },
            },
        });
        var errors = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "Title", "Goal", "Zip", "EndsOn", "Needs[0].Quantity", "Needs[1].Quantity", "Needs[2].Kind", "Needs[3].Skill" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {string.Join(", ", errors.Keys)}");
        Assert.Contains("$1,000,000", errors["Needs[1].Quantity"][0]);
        Assert.Equal(before, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync()));
    }

    [Fact]
    public async Task A_pledge_waits_for_an_owner_then_moves_the_progress_and_a_withdrawal_moves_it_back()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Phone bank {Guid.NewGuid():N}"[..24], People("Callers", 2)));
        var need = project.Needs[0];
        var (_, volunteer) = await app.MemberAsync("Marcus Green");

        var created = await PledgeAsync(volunteer, project, need, new { note = "Tuesdays work for me" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pledge = (await created.Content.ReadFromJsonAsync<PledgeView>())!;
        Assert.Equal(PledgeStatus.Pending, pledge.Status);

        var pledges = await owner.GetFromJsonAsync<Page<OwnerPledgeView>>($"/api/projects/{project.Id}/pledges");
        Assert.Equal("Marcus", Assert.Single(pledges!.Items).MemberName);
        await ProblemAssert.IsProblemAsync(await volunteer.GetAsync($"/api/projects/{project.Id}/pledges"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await volunteer.PostAsync($"/api/projects/{project.Id}/pledges/{pledge.Id}/accept", null), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/pledges/{pledge.Id}/accept", null)).StatusCode);
        var after = (await volunteer.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.Equal((1, 50, PledgeStatus.Accepted), (after.Filled, after.PercentFilled, after.MyPledge!.Status));

        Assert.Equal(HttpStatusCode.NoContent, (await volunteer.PostAsync($"/api/projects/{project.Id}/pledges/{pledge.Id}/withdraw", null)).StatusCode);
        after = (await volunteer.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.Equal((0L, 0L, (PledgeView?)null), (after.Filled, after.Reserved, after.MyPledge));

        var late = await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/projects/{project.Id}/pledges/{pledge.Id}/accept", null), HttpStatusCode.BadRequest);
        Assert.Contains("withdrew", late["pledgeId"][0]);
    }

    [Fact]
    public async Task Pledging_twice_or_to_a_closed_need_is_a_clear_error()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Projector {Guid.NewGuid():N}"[..24], new { kind = "Thing", title = "A projector", quantity = 1, autoAccept = true }));
        var need = project.Needs[0];
        var (_, first) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await PledgeAsync(first, project, need, new { amount = 1, note = "I have one" })).StatusCode);
        var twice = await ProblemAssert.IsProblemAsync(await PledgeAsync(first, project, need, new { amount = 1 }), HttpStatusCode.BadRequest);
        Assert.Contains("already pledged", twice["needId"][0]);
        var (_, second) = await app.MemberAsync();
        var closed = await ProblemAssert.IsProblemAsync(await PledgeAsync(second, project, need, new { amount = 1 }), HttpStatusCode.BadRequest);
        Assert.Contains("closed", closed["needId"][0]);
        var view = await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}");
        Assert.True(view!.Needs[0].Closed);
        Assert.Equal(100, view.Needs[0].PercentFilled);
    }

    [Fact]
    public async Task A_retried_pledge_with_the_same_key_is_stored_once()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Fund {Guid.NewGuid():N}"[..24], new { kind = "Money", title = "Bus rental", quantity = 80_000 }));
        var (_, donor) = await app.MemberAsync();
        var key = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PledgeAsync(donor, project, project.Needs[0], new { amount = 2_500 }, key)));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(results.Select(async r => (await r.Content.ReadFromJsonAsync<PledgeView>())!.Id));
        Assert.Single(ids.Distinct());
        var need = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs[0];
        Assert.Equal(2_500, need.Reserved);
    }

    [Fact]
    public async Task Parallel_pledges_never_overfill_a_need_200_racing_for_the_last_5_slots()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Canvass {Guid.NewGuid():N}"[..24], People("Canvassers", 10, autoAccept: true)));
        var need = project.Needs[0];
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Created, (await PledgeAsync((await app.MemberAsync()).Client, project, need)).StatusCode);

        var racers = new List<HttpClient>();
        foreach (var batch in Enumerable.Range(0, 200).Chunk(20))
            racers.AddRange((await Task.WhenAll(batch.Select(_ => app.MemberAsync()))).Select(m => m.Client));
        var results = await Task.WhenAll(racers.Select(c => PledgeAsync(c, project, need)));

        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var (stored, reserved, filled, closed) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var n = await db.Needs.AsNoTracking().SingleAsync(x => x.Id == need.Id);
            return (await db.Pledges.CountAsync(p => p.NeedId == need.Id && p.Status == PledgeStatus.Accepted), n.Reserved, n.Filled, n.Closed);
        });
        Assert.Equal((10, 10L, 10L, true), (stored, reserved, filled, closed));
    }

    [Fact]
    public async Task Pending_pledges_hold_their_slots_until_an_owner_declines_one()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Editors {Guid.NewGuid():N}"[..24], People("Video editor", 1, skill: "video")));
        var need = project.Needs[0];
        var first = (await (await PledgeAsync((await app.MemberAsync()).Client, project, need)).Content.ReadFromJsonAsync<PledgeView>())!;
        var (_, second) = await app.MemberAsync();
        var full = await ProblemAssert.IsProblemAsync(await PledgeAsync(second, project, need), HttpStatusCode.BadRequest);
        Assert.Contains("only 0 left", full["amount"][0]);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/pledges/{first.Id}/decline", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PledgeAsync(second, project, need)).StatusCode);
    }

    [Fact]
    public async Task Owners_add_needs_and_co_owners_and_others_cannot()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Mural {Guid.NewGuid():N}"[..24]));
        var (co, coClient) = await app.MemberAsync("Grace Liu");
        await ProblemAssert.IsProblemAsync(await coClient.PostAsJsonAsync($"/api/projects/{project.Id}/needs", new { kind = "Hours", title = "Painting", quantity = 40 }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await coClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = co.Id })).StatusCode);
        await ProblemAssert.IsProblemAsync(await coClient.PostAsJsonAsync($"/api/projects/{project.Id}/needs", new { kind = "Hours", title = "Painting", quantity = 40 }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await coClient.PostAsync($"/api/projects/{project.Id}/owners/me", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coClient.PostAsJsonAsync($"/api/projects/{project.Id}/needs", new { kind = "Hours", title = "Painting", quantity = 40 })).StatusCode);
        var view = await coClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}");
        Assert.True(view!.IAmOwner);
        Assert.Equal("Painting", Assert.Single(view.Needs).Title);
        Assert.Equal(HttpStatusCode.NoContent, (await coClient.PutAsJsonAsync($"/api/projects/{project.Id}/status", new { status = "Done" })).StatusCode);
        Assert.Equal(ProjectStatus.Done, (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"/api/projects/{project.Id}/needs/{Guid.NewGuid()}/pledges", new { })).StatusCode);
    }

    [Fact]
    public async Task Projects_are_found_by_text_skill_and_distance()
    {
        var (_, owner) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await LaunchAsync(owner, NewProject($"Philly video {tag}", People("Editor", 1, skill: "video")));
        await LaunchAsync(owner, new { title = $"Madison canvass {tag}", goal = "Doors.", zip = "53703", needs = new[] { People("Canvassers", 5) } });
        var visitor = app.CreateClient();
        var byText = await visitor.GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?q={tag}");
        Assert.Equal(2, byText!.Total);
        var bySkill = await visitor.GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?q={tag}&skill=video");
        Assert.Equal($"Philly video {tag}", Assert.Single(bySkill!.Items).Title);
        var near = await visitor.GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?q={tag}&near=19103&within=25");
        var found = Assert.Single(near!.Items);
        Assert.InRange(found.DistanceMiles!.Value, 0, 25);
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync("/api/projects?skill=juggling&near=00000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Owners_edit_the_project_others_cannot_and_a_bad_edit_changes_nothing()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Town hall push {Guid.NewGuid():N}"[..26], People("Door knockers", 5)));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var edit = new
        {
            title = $"Rent strike support {tag}", goal = "Keep 40 families housed this winter.", description = "Meet at the *library*.",
            zip = "60615", radiusMiles = 5, status = "Idea",
        };

        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PutAsJsonAsync($"/api/projects/{project.Id}", edit), HttpStatusCode.Forbidden);
        var bad = await ProblemAssert.IsProblemAsync(await owner.PutAsJsonAsync($"/api/projects/{project.Id}", new { title = "", goal = "Still a goal.", zip = "00000" }), HttpStatusCode.BadRequest);
        Assert.True(bad.ContainsKey("title") || bad.ContainsKey("Title"));
        Assert.Equal(project.Title, (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Title);

        var saved = await owner.PutAsJsonAsync($"/api/projects/{project.Id}", edit);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = (await saved.Content.ReadFromJsonAsync<ProjectView>())!;
        Assert.Equal(edit.title, view.Title);
        Assert.Equal("Chicago", view.City);
        Assert.Equal(ProjectStatus.Idea, view.Status);
        Assert.Contains("<em>library</em>", view.DescriptionHtml);
        Assert.Equal(project.Slug, view.Slug); // links keep working
        Assert.Single(view.Needs); // needs are not touched by an edit
        // Search finds it by its new words.
        var found = await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?q={tag}");
        Assert.Equal(project.Id, Assert.Single(found!.Items).Id);
    }

    [Fact]
    public async Task An_owner_closes_a_need_no_one_can_pledge_to_it_and_reopening_works_while_it_still_lacks_something()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, NewProject($"Mutual aid {Guid.NewGuid():N}"[..22], People("Drivers", 2, autoAccept: true), People("Cooks", 1, autoAccept: true)));
        var (drivers, cooks) = (project.Needs.Single(n => n.Title == "Drivers"), project.Needs.Single(n => n.Title == "Cooks"));
        var (_, neighbor) = await app.MemberAsync();

        await ProblemAssert.IsProblemAsync(await neighbor.PostAsync($"/api/projects/{project.Id}/needs/{drivers.Id}/close", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/needs/{drivers.Id}/close", null)).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(await PledgeAsync(neighbor, project, drivers), HttpStatusCode.BadRequest);
        Assert.True(refused.ContainsKey("needId"));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync($"/api/projects/{project.Id}/needs/{drivers.Id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PledgeAsync(neighbor, project, drivers)).StatusCode);

        // A need that has all it asked for closes by itself and cannot be reopened.
        Assert.Equal(HttpStatusCode.Created, (await PledgeAsync(neighbor, project, cooks)).StatusCode);
        var full = await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/projects/{project.Id}/needs/{cooks.Id}/reopen", null), HttpStatusCode.BadRequest);
        Assert.True(full.ContainsKey("needId"));

        // Done: what is still open closes, and no one can pledge any more.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PutAsJsonAsync($"/api/projects/{project.Id}/status", new { status = "Done" })).StatusCode);
        Assert.All((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Needs, n => Assert.True(n.Closed));
        var (_, late) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await PledgeAsync(late, project, drivers), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_sees_the_projects_they_run_or_follow_and_everything_they_pledged()
    {
        var (_, owner) = await app.MemberAsync();
        var mine = await LaunchAsync(owner, NewProject($"Voter rides {Guid.NewGuid():N}"[..23], People("Drivers", 3)));
        var (_, volunteer) = await app.MemberAsync();
        var other = await LaunchAsync(volunteer, NewProject($"Ballot party {Guid.NewGuid():N}"[..24]));
        Assert.Equal(HttpStatusCode.Created, (await PledgeAsync(volunteer, mine, mine.Needs[0])).StatusCode);

        var projects = (await volunteer.GetFromJsonAsync<Page<MyProject>>("/api/me/projects"))!;
        Assert.Equal([other.Id, mine.Id], projects.Items.Select(p => p.Id).ToArray()); // owned first, then followed (pledgers follow)
        Assert.True(projects.Items[0].Owner);
        Assert.False(projects.Items[1].Owner);
        var pledges = (await volunteer.GetFromJsonAsync<Page<MyPledge>>("/api/me/pledges"))!;
        var pledge = Assert.Single(pledges.Items);
        Assert.Equal(("Drivers", PledgeStatus.Pending, mine.Slug), (pledge.NeedTitle, pledge.Status, pledge.ProjectSlug));
        var forOwner = (await owner.GetFromJsonAsync<Page<MyProject>>("/api/me/projects"))!;
        Assert.Equal(1, Assert.Single(forOwner.Items).PledgesToAnswer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/me/pledges")).StatusCode);
    }

    [Fact]
    public async Task Owners_step_down_only_themselves_and_a_project_never_ends_without_one_even_when_both_leave_at_once()
    {
        var (_, founder) = await app.MemberAsync();
        var project = await LaunchAsync(founder, NewProject($"Canvass kit {Guid.NewGuid():N}"[..24]));
        var sole = await ProblemAssert.IsProblemAsync(await founder.DeleteAsync($"/api/projects/{project.Id}/owners/me"), HttpStatusCode.BadRequest);
        Assert.True(sole.ContainsKey("memberId"));
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.DeleteAsync($"/api/projects/{project.Id}/owners/me"), HttpStatusCode.Forbidden);

        var (partner, partnerClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await partnerClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await founder.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = partner.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partnerClient.PostAsync($"/api/projects/{project.Id}/owners/me", null)).StatusCode);
        var both = await Task.WhenAll(founder.DeleteAsync($"/api/projects/{project.Id}/owners/me"), partnerClient.DeleteAsync($"/api/projects/{project.Id}/owners/me"));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.BadRequest);
        var owners = new[] { founder, partnerClient };
        var still = await Task.WhenAll(owners.Select(async c => (await c.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner));
        Assert.Single(still, s => s);
    }
}

public sealed class ProjectsApiTests_Sqlite(SqliteApp app) : ProjectsApiTests(app), IClassFixture<SqliteApp>;
public sealed class ProjectsApiTests_Postgres(PostgresApp app) : ProjectsApiTests(app), IClassFixture<PostgresApp>;
