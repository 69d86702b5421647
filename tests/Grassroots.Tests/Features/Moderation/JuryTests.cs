using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Moderation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Moderation;

/// <summary>Flags past the threshold hide a project; a random jury decides with public reasons; the author appeals once.</summary>
public abstract class JuryTests(DbKind kind)
{
    private sealed class JuryApp(DbKind kind) : AppFactory(kind)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Moderation:HideThreshold"] = "3", ["Moderation:JurySize"] = "3",
        };
    }

    [Fact]
    public async Task Flags_hide_a_project_a_random_jury_removes_it_and_a_second_jury_restores_it_on_appeal()
    {
        await using var app = new JuryApp(kind);
        await app.InitializeAsync();
        var (_, owner) = await app.MemberAsync("Owner");
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new { title = "Totally legit giveaway", goal = "Click my link.", online = true, needs = new[] { new { kind = "Money", title = "Gift cards", quantity = 10_000 } } }))
            .Content.ReadFromJsonAsync<ProjectView>())!;
        var flaggers = new List<HttpClient>();
        for (var i = 0; i < 3; i++) flaggers.Add((await app.MemberAsync($"Flagger {i}")).Client);
        var others = new Dictionary<Guid, HttpClient>();
        for (var i = 0; i < 8; i++) { var (m, c) = await app.MemberAsync($"Neighbor {i}"); others[m.Id] = c; }

        // Two flags: still listed. The third (all three at once) opens exactly one case and hides it.
        var flag = new { contentType = "project", contentId = project.Id.ToString(), value = "no-spam", reason = "This is an ad for a scam site." };
        Assert.Equal(HttpStatusCode.Created, (await flaggers[0].PostAsJsonAsync("/api/flags", flag)).StatusCode);
        var results = await Task.WhenAll(flaggers.Skip(1).Select(c => c.PostAsJsonAsync("/api/flags", flag)));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var visitor = app.CreateClient();
        Assert.Equal(0, (await visitor.GetFromJsonAsync<Page<ProjectSummary>>("/api/projects?q=legit+giveaway"))!.Total);
        Assert.DoesNotContain("Click my link", await visitor.GetStringAsync($"/projects/{project.Slug}"));
        // While the jury decides, no one is asked to give to it.
        var refused = await ProblemAssert.IsProblemAsync(await others.Values.First().PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 500 }), HttpStatusCode.BadRequest);
        Assert.Contains("jury", refused["needId"][0]);
        var cases = await visitor.GetFromJsonAsync<Page<CaseView>>("/api/moderation/cases");
        var @case = Assert.Single(cases!.Items);
        Assert.Equal(CaseStatus.UnderReview, @case.Status);

        // Three jurors drawn from the neighbors (never the owner or a flagger), each told by email.
        var jurors = await JurorsAsync(app, @case.Id, 1);
        Assert.Equal(3, jurors.Count);
        Assert.All(jurors, j => Assert.True(others.ContainsKey(j)));
        var juror0 = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == jurors[0]).Select(u => u.Email).SingleAsync());
        await app.Smtp.WaitForAsync(juror0!, m => m.Subject!.Contains("jury"));

        var notJuror = others.First(o => !jurors.Contains(o.Key)).Value;
        var remove = new { vote = "Remove", reason = "It links to a phishing page; spam." };
        await ProblemAssert.IsProblemAsync(await notJuror.PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", remove), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await others[jurors[0]].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", remove)).StatusCode);
        var twice = await ProblemAssert.IsProblemAsync(await others[jurors[0]].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", remove), HttpStatusCode.BadRequest);
        Assert.Contains("already voted", twice["vote"][0]);
        var noReason = await ProblemAssert.IsProblemAsync(await others[jurors[1]].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", new { vote = "Remove", reason = "bad" }), HttpStatusCode.BadRequest);
        Assert.True(noReason.ContainsKey("reason"));
        Assert.Equal(HttpStatusCode.NoContent, (await others[jurors[1]].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", remove)).StatusCode);

        var decided = (await visitor.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{@case.Id}"))!;
        Assert.Equal(CaseStatus.Removed, decided.Status);
        Assert.Equal(2, decided.Votes.Count(v => v.Reason.Contains("phishing")));
        var raw = await visitor.GetStringAsync($"/api/moderation/cases/{@case.Id}");
        Assert.DoesNotContain(jurors[0].ToString(), raw); // reasons are public, jurors are not named
        await ProblemAssert.IsProblemAsync(await others[jurors[2]].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", remove), HttpStatusCode.BadRequest);

        // Only the author appeals, once; a new jury (none of the first) keeps it, and it is listed again.
        await ProblemAssert.IsProblemAsync(await flaggers[0].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/appeal", new { reason = "I am not the author." }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/appeal", new { reason = "The link is our donation page, not a scam." })).StatusCode);
        var second = await JurorsAsync(app, @case.Id, 2);
        Assert.Equal(3, second.Count);
        Assert.Empty(second.Intersect(jurors));
        foreach (var j in second.Take(2))
            Assert.Equal(HttpStatusCode.NoContent, (await others[j].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", new { vote = "Keep", reason = "The link goes to an ActBlue-like donation page." })).StatusCode);
        Assert.Equal(CaseStatus.Kept, (await visitor.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{@case.Id}"))!.Status);
        Assert.Equal(1, (await visitor.GetFromJsonAsync<Page<ProjectSummary>>("/api/projects?q=legit+giveaway"))!.Total);
        var again = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/appeal", new { reason = "Once more, please, for the record." }), HttpStatusCode.BadRequest);
        Assert.True(again.ContainsKey("caseId"));
        // No one could delete the project: it is still there, with its owner.
        Assert.True((await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.IAmOwner);
    }

    [Fact]
    public async Task Flags_past_the_threshold_hide_a_group_from_the_directory()
    {
        await using var app = new JuryApp(kind);
        await app.InitializeAsync();
        var (_, organizer) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var group = (await (await organizer.PostAsJsonAsync("/api/groups", new { name = $"Spam group {tag}", kind = "Issue" })).Content.ReadFromJsonAsync<Grassroots.Features.Groups.GroupView>())!;
        for (var i = 0; i < 4; i++) await app.MemberAsync(); // people to draw a jury from
        var visitor = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, (await visitor.GetFromJsonAsync<Page<Grassroots.Features.Groups.GroupSummary>>($"/api/groups?q={tag}"))!.Total);
            var (_, flagger) = await app.MemberAsync();
            Assert.Equal(HttpStatusCode.Created, (await flagger.PostAsJsonAsync("/api/flags", new { contentType = "group", contentId = group.Id.ToString(), value = "no-spam", reason = "Only posts ads for a shop." })).StatusCode);
        }
        Assert.Equal(0, (await visitor.GetFromJsonAsync<Page<Grassroots.Features.Groups.GroupSummary>>($"/api/groups?q={tag}"))!.Total); // the cached answer was evicted
        // Visitors get the notice, not the group; its organizers still see it, frozen.
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/groups/{group.Id}"), HttpStatusCode.Forbidden);
        var seen = (await organizer.GetFromJsonAsync<Grassroots.Features.Groups.GroupView>($"/api/groups/{group.Id}"))!;
        Assert.True(seen.Hidden);
        Assert.Equal(ContentModeration.UnderReview, seen.Moderation);
    }

    [Fact]
    public async Task Flags_put_a_profile_under_review_its_owner_never_sits_on_the_jury_and_keep_lifts_it()
    {
        await using var app = new JuryApp(kind);
        await app.InitializeAsync();
        var (suspect, suspectClient) = await app.MemberAsync("Bernie Official");
        var others = new Dictionary<Guid, HttpClient>();
        for (var i = 0; i < 5; i++) { var (m, c) = await app.MemberAsync($"Neighbor {i}"); others[m.Id] = c; }
        var visitor = app.CreateClient();
        Assert.False((await visitor.GetFromJsonAsync<Grassroots.Features.Members.PublicMemberView>($"/api/members/{suspect.Id}"))!.UnderReview);

        for (var i = 0; i < 3; i++)
        {
            var (_, flagger) = await app.MemberAsync();
            Assert.Equal(HttpStatusCode.Created, (await flagger.PostAsJsonAsync("/api/flags", new { contentType = "member", contentId = suspect.Id.ToString(), value = "no-spam", reason = "Pretends to be the candidate." })).StatusCode);
        }
        // Under review: a notice for visitors (page and API), the profile itself for its member.
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/members/{suspect.Id}"), HttpStatusCode.Forbidden);
        Assert.True((await suspectClient.GetFromJsonAsync<Grassroots.Features.Members.PublicMemberView>($"/api/members/{suspect.Id}"))!.UnderReview);
        Assert.Contains("jury of randomly drawn members", await visitor.GetStringAsync($"/members/{suspect.Id}"));
        var @case = Assert.Single((await visitor.GetFromJsonAsync<Page<CaseView>>("/api/moderation/cases"))!.Items);
        var jurors = await JurorsAsync(app, @case.Id, 1);
        Assert.DoesNotContain(suspect.Id, jurors);

        var keep = new { vote = "Keep", reason = "A fan account, clearly labelled as such." };
        foreach (var j in jurors.Where(others.ContainsKey).Take(2))
            Assert.Equal(HttpStatusCode.NoContent, (await others[j].PostAsJsonAsync($"/api/moderation/cases/{@case.Id}/votes", keep)).StatusCode);
        Assert.False((await visitor.GetFromJsonAsync<Grassroots.Features.Members.PublicMemberView>($"/api/members/{suspect.Id}"))!.UnderReview);
    }

    private static Task<List<Guid>> JurorsAsync(AppFactory app, Guid caseId, int round) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Jurors.Where(j => j.CaseId == caseId && j.Round == round).Select(j => j.MemberId).ToListAsync());
}

public sealed class JuryTests_Sqlite() : JuryTests(DbKind.Sqlite);
public sealed class JuryTests_Postgres() : JuryTests(DbKind.Postgres);
