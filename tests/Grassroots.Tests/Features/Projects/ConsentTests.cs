using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

/// <summary>Nobody is made answerable for a project, named on it, or mailed about it again and again, without saying yes.</summary>
public abstract class ConsentTests(AppFactory app)
{
    private static async Task<ProjectView> LaunchAsync(HttpClient owner, string title) =>
        (await (await owner.PostAsJsonAsync("/api/projects", new { title, goal = "Do good.", online = true,
            needs = new[] { new { kind = "Hours", title = "Help", quantity = 10 } } })).Content.ReadFromJsonAsync<ProjectView>())!;

    private static async Task AcceptAsync(HttpClient client, Guid projectId) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/projects/{projectId}/owners/me", null)).StatusCode);

    [Fact]
    public async Task Merging_invites_the_other_owners_of_the_project_merged_away_instead_of_making_them_owners()
    {
        var (_, mallory) = await app.MemberAsync("Mallory");
        var (carol, carolClient) = await app.MemberAsync("Carol");
        var a = await LaunchAsync(mallory, $"Food drive {Guid.NewGuid():N}"[..24]);
        var b = await LaunchAsync(mallory, $"Gift cards {Guid.NewGuid():N}"[..24]);
        await carolClient.PostAsync($"/api/projects/{a.Id}/follow", null);
        Assert.Equal(HttpStatusCode.Accepted, (await mallory.PostAsJsonAsync($"/api/projects/{a.Id}/owners", new { memberId = carol.Id })).StatusCode);
        await AcceptAsync(carolClient, a.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await mallory.PostAsJsonAsync($"/api/projects/{a.Id}/merge", new { intoId = b.Id })).StatusCode);
        var kept = (await carolClient.GetFromJsonAsync<ProjectView>($"/api/projects/{b.Id}"))!;
        Assert.False(kept.IAmOwner); // Carol agreed to run the food drive, not this
        Assert.Equal(["Mallory"], kept.OwnerNames);
        Assert.Contains((await carolClient.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations"))!, i => i.ProjectId == b.Id);
    }

    [Fact]
    public async Task Only_followers_are_invited_to_co_own_and_a_no_is_final()
    {
        var (founder, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Teach-in {Guid.NewGuid():N}"[..22]);
        var (dave, daveClient) = await app.MemberAsync("Dave");
        var notFollower = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = dave.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("follower", notFollower["memberId"][0]);

        await daveClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = dave.Id })).StatusCode);
        // The owner's page says who is invited and has not answered (it said nobody could be invited).
        var page = Forms.Text(await (await app.BrowserAsync(founder)).GetStringAsync($"/projects/{project.Slug}"));
        Assert.Contains("waiting for an answer: Dave", page);
        Assert.DoesNotContain("no one you could invite follows it yet", page);
        Assert.Equal(HttpStatusCode.NoContent, (await daveClient.DeleteAsync($"/api/projects/{project.Id}/owners/invitation")).StatusCode);
        var again = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = dave.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("declined", again["memberId"][0]);
        await ProblemAssert.IsProblemAsync(await daveClient.PostAsync($"/api/projects/{project.Id}/owners/me", null), HttpStatusCode.BadRequest);
        await app.Smtp.WaitForAsync(dave.Email!, m => m.Subject?.Contains(project.Title) == true);
        await Task.Delay(500);
        var invitations = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(x => x.Address == dave.Email) && m.Subject?.Contains(project.Title) == true);
        Assert.Equal(1, invitations);
    }

    [Fact]
    public async Task An_owner_asks_a_member_for_help_once_a_month_not_again_and_again()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Legal clinic {Guid.NewGuid():N}"[..24]);
        var (carol, carolClient) = await app.MemberAsync("Carol");
        Assert.Equal(HttpStatusCode.OK, (await carolClient.PutAsJsonAsync("/api/me", new { displayName = "Carol", zip = "19107", openToAsks = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/invitations", new { memberId = carol.Id, message = "Please?" })).StatusCode);
        var twice = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/invitations", new { memberId = carol.Id, message = "Please?" }), HttpStatusCode.BadRequest);
        Assert.Contains("month", twice["memberId"][0]);

        // Nor by launching more projects to ask from, nor by asking many times at once.
        var other = await LaunchAsync(owner, $"Second clinic {Guid.NewGuid():N}"[..24]);
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{other.Id}/invitations", new { memberId = carol.Id }), HttpStatusCode.BadRequest);
        var (dan, danClient) = await app.MemberAsync("Dan");
        Assert.Equal(HttpStatusCode.OK, (await danClient.PutAsJsonAsync("/api/me", new { displayName = "Dan", zip = "19107", openToAsks = true })).StatusCode);
        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => owner.PostAsJsonAsync($"/api/projects/{other.Id}/invitations", new { memberId = dan.Id, message = "URGENT" })));
        Assert.Single(burst, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.All(burst, r => Assert.True((int)r.StatusCode < 500));
    }

    [Fact]
    public async Task A_deleted_owners_project_is_offered_to_its_followers_who_take_it_only_by_accepting_and_a_sole_owner_may_leave_by_archiving()
    {
        var (_, founder) = await app.MemberAsync();
        var project = await LaunchAsync(founder, $"Bail fund {Guid.NewGuid():N}"[..22]);
        var (bob, bobClient) = await app.MemberAsync("Bob");
        var (eve, eveClient) = await app.MemberAsync("Eve");
        await bobClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        await eveClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        Assert.Equal(HttpStatusCode.NoContent, (await founder.DeleteAsync("/api/me")).StatusCode);

        Assert.False((await bobClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner); // not without a yes
        var mail = await app.Smtp.WaitForAsync(bob.Email!, m => m.Subject?.Contains(project.Title) == true);
        Assert.Contains($"/projects/{project.Slug}", mail.TextBody);
        await AcceptAsync(bobClient, project.Id);
        Assert.True((await bobClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);

        // Bob alone may not simply step down, but may leave by archiving it.
        await ProblemAssert.IsProblemAsync(await bobClient.DeleteAsync($"/api/projects/{project.Id}/owners/me"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await bobClient.DeleteAsync($"/api/projects/{project.Id}/owners/me?archive=true")).StatusCode);
        var after = (await eveClient.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!;
        Assert.Equal(ProjectStatus.Archived, after.Status);
        Assert.Empty(after.OwnerNames);
        Assert.All(after.Needs, n => Assert.True(n.Closed));
    }

    [Fact]
    public async Task Of_the_followers_offered_a_departed_owners_project_only_the_first_to_accept_owns_it_even_all_at_once()
    {
        var (_, founder) = await app.MemberAsync();
        var project = await LaunchAsync(founder, $"Clean the park {Guid.NewGuid():N}"[..24]);
        var heirs = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            var (_, heir) = await app.MemberAsync($"Heir {i}");
            await heir.PostAsync($"/api/projects/{project.Id}/follow", null);
            heirs.Add(heir);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await founder.DeleteAsync("/api/me")).StatusCode);

        var answers = await Task.WhenAll(heirs.Select(h => h.PostAsync($"/api/projects/{project.Id}/owners/me", null)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Single((await heirs[0].GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.OwnerNames);
        // The ones who came second hold no offer any more (the new owner chooses co-owners).
        foreach (var (heir, answer) in heirs.Zip(answers).Where(x => x.Second.StatusCode != HttpStatusCode.NoContent))
            Assert.DoesNotContain((await heir.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations"))!, i => i.ProjectId == project.Id);
    }

    [Fact]
    public async Task A_hidden_project_whose_owner_leaves_is_offered_to_nobody_and_its_title_is_not_mailed()
    {
        var (_, founder) = await app.MemberAsync();
        var project = await LaunchAsync(founder, $"BUY PILLS {Guid.NewGuid():N}"[..22]);
        var (follower, followerClient) = await app.MemberAsync("Eve");
        await followerClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<Grassroots.Features.Moderation.IFlaggableContent>().Single(c => c.ContentType == "project")
                .SetModerationAsync(project.Id.ToString(), Grassroots.Features.Moderation.ContentModeration.UnderReview, CancellationToken.None);
            return 0;
        });
        Assert.Equal(HttpStatusCode.NoContent, (await founder.DeleteAsync("/api/me")).StatusCode);
        Assert.Empty((await followerClient.GetFromJsonAsync<List<OwnerInvitationView>>("/api/me/owner-invitations"))!);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<Grassroots.Infrastructure.Email.OutboxMessage>()
            .AnyAsync(m => m.To == follower.Email && m.Subject.Contains(project.Title))));
    }

    [Fact]
    public async Task A_project_speaks_for_a_group_only_while_an_owner_belongs_to_it_and_not_again_once_its_organizers_detached_it()
    {
        var (_, organizer) = await app.MemberAsync("Eve");
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Eve's circle {Guid.NewGuid():N}"[..24], kind = "Issue", description = "Ours." }))
            .Content.ReadFromJsonAsync<Grassroots.Features.Groups.GroupView>())!;
        var (_, carol) = await app.MemberAsync("Carol");
        var project = await LaunchAsync(carol, $"Official fundraiser {Guid.NewGuid():N}"[..28]);
        async Task<HttpResponseMessage> AttachAsync() => await carol.PutAsJsonAsync($"/api/projects/{project.Id}", new { title = project.Title, goal = "Do good.", online = true, groupId = group.Id });
        async Task<bool> ListedAsync() => (await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?groupId={group.Id}"))!.Items.Any(p => p.Id == project.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await carol.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AttachAsync()).StatusCode);
        Assert.True(await ListedAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await carol.PostAsJsonAsync($"/api/groups/{group.Id}/leave", new { })).StatusCode);
        Assert.False(await ListedAsync()); // joined to attach, then left: it no longer speaks for the group

        Assert.Equal(HttpStatusCode.NoContent, (await carol.PostAsync($"/api/groups/{group.Id}/join", null)).StatusCode);
        Assert.True(await ListedAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await organizer.DeleteAsync($"/api/projects/{project.Id}/group")).StatusCode);
        var again = await ProblemAssert.IsProblemAsync(await AttachAsync(), HttpStatusCode.BadRequest);
        Assert.Contains("detached", again["groupId"][0]);
        Assert.False(await ListedAsync());
    }

    [Fact]
    public async Task The_last_owner_archives_from_the_page_only_after_ticking_that_they_understand()
    {
        var (founder, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Tenants union {Guid.NewGuid():N}"[..24]);
        var browser = await app.BrowserAsync(founder);
        var unticked = await Forms.SubmitAsync(browser, $"/projects/{project.Slug}", new Dictionary<string, string> { ["archive"] = "true" },
            $"/projects/{project.Slug}/team?handler=stepdown");
        Assert.Contains("Tick the box", Forms.Text(await unticked.Content.ReadAsStringAsync()));
        Assert.True((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);

        await Forms.SubmitAsync(browser, $"/projects/{project.Slug}", new Dictionary<string, string> { ["archive"] = "true", ["confirm"] = "archive" },
            $"/projects/{project.Slug}/team?handler=stepdown");
        var after = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!;
        Assert.False(after.IAmOwner);
        Assert.Equal(ProjectStatus.Archived, after.Status);
    }

    [Fact]
    public async Task A_title_that_is_another_projects_id_never_takes_over_its_address()
    {
        var (_, victim) = await app.MemberAsync();
        var mural = await LaunchAsync(victim, $"Mural {Guid.NewGuid():N}"[..20]);
        var (_, mallory) = await app.MemberAsync();
        var copy = await LaunchAsync(mallory, mural.Id.ToString());
        Assert.NotEqual(mural.Id.ToString(), copy.Slug);
        var scam = await LaunchAsync(mallory, $"Donate here {Guid.NewGuid():N}"[..24]);
        Assert.Equal(HttpStatusCode.NoContent, (await mallory.PostAsJsonAsync($"/api/projects/{copy.Id}/merge", new { intoId = scam.Id })).StatusCode);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/projects/{mural.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/projects/{mural.Id}")).StatusCode);
        Assert.Equal(mural.Id, (await browser.GetFromJsonAsync<ProjectView>($"/api/projects/{mural.Id}"))!.Id);
    }

    [Fact]
    public async Task A_project_launched_done_takes_no_pledges_and_a_page_past_the_last_is_just_empty()
    {
        var (_, owner) = await app.MemberAsync();
        var done = (await (await owner.PostAsJsonAsync("/api/projects", new { title = $"Finished {Guid.NewGuid():N}"[..22], goal = "Done.", online = true, status = "Done",
            needs = new[] { new { kind = "Hours", title = "Help", quantity = 10 } } })).Content.ReadFromJsonAsync<ProjectView>())!;
        Assert.All(done.Needs, n => Assert.True(n.Closed));
        var (_, volunteer) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await volunteer.PostAsJsonAsync($"/api/projects/{done.Id}/needs/{done.Needs[0].Id}/pledges", new { amount = 2 }), HttpStatusCode.BadRequest);

        var far = (await app.CreateClient().GetFromJsonAsync<Page<ProjectSummary>>($"/api/projects?page={int.MaxValue}"))!;
        Assert.Empty(far.Items);
        Assert.Equal(Paging.MaxPage, far.PageNumber);
    }

    [Fact]
    public async Task A_profile_a_jury_removed_loses_its_name_on_projects_and_updates_too()
    {
        var (impostor, client) = await app.MemberAsync("Grassroots Support Team");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me", new { displayName = "Grassroots Support Team", zip = "19107", showFullName = true })).StatusCode);
        var project = await LaunchAsync(client, $"Verify your account {Guid.NewGuid():N}"[..30]);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "Official notice." })).StatusCode);
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetServices<Grassroots.Features.Moderation.IFlaggableContent>().Single(c => c.ContentType == "member")
                .SetModerationAsync(impostor.Id.ToString(), Grassroots.Features.Moderation.ContentModeration.Removed, CancellationToken.None);
            return 0;
        });
        var reader = app.CreateClient();
        var seen = (await reader.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!;
        Assert.DoesNotContain("Grassroots Support Team", seen.FounderName + string.Join(",", seen.OwnerNames));
        var update = Assert.Single((await reader.GetFromJsonAsync<Page<UpdateView>>($"/api/projects/{project.Id}/updates"))!.Items);
        Assert.DoesNotContain("Support", update.AuthorName);
        Assert.DoesNotContain("Grassroots Support Team", await reader.GetStringAsync($"/projects/{project.Slug}"));
    }
}

public sealed class ConsentTests_Sqlite(SqliteApp app) : ConsentTests(app), IClassFixture<SqliteApp>;
public sealed class ConsentTests_Postgres(PostgresApp app) : ConsentTests(app), IClassFixture<PostgresApp>;
