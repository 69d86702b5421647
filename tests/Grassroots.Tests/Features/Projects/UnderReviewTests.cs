using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Moderation;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

/// <summary>A project a community jury is reviewing: readable only by its owners and jurors, frozen, never mailed, never merged.</summary>
public abstract class UnderReviewTests(AppFactory app)
{
    private async Task<ProjectView> LaunchAsync(HttpClient owner, string title) =>
        (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title, goal = "Sell raffle tickets.", description = "Send money to **this account**.", online = true,
            needs = new[] { new { kind = "Money", title = "Tickets", quantity = 50_000 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;

    /// <summary>What a jury's case does to the project (through the content's own moderation hook).</summary>
    private Task HideAsync(Guid projectId, ContentModeration state = ContentModeration.UnderReview) => app.WithScopeAsync(async sp =>
    {
        await sp.GetServices<IFlaggableContent>().Single(c => c.ContentType == "project").SetModerationAsync(projectId.ToString(), state, CancellationToken.None);
        return 0;
    });

    [Fact]
    public async Task Only_its_owners_read_a_hidden_project_through_the_api_and_the_page()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Raffle {Guid.NewGuid():N}"[..20]);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "Wire the money today." })).StatusCode);
        await HideAsync(project.Id);

        foreach (var reader in new[] { app.CreateClient(), (await app.MemberAsync()).Client })
        {
            await ProblemAssert.IsProblemAsync(await reader.GetAsync($"/api/projects/{project.Id}"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await reader.GetAsync($"/api/projects/{project.Id}/updates"), HttpStatusCode.Forbidden);
            var page = await reader.GetStringAsync($"/projects/{project.Slug}");
            Assert.Contains(project.Title, page); // the title is in the public moderation log anyway
            Assert.DoesNotContain("this account", page);
            Assert.DoesNotContain("Wire the money", page);
        }
        var own = (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!;
        Assert.Equal(ContentModeration.UnderReview, own.Moderation);
        Assert.Contains("this account", own.DescriptionHtml);

        // Removed: gone (410) for everyone but its owners, who still see it (to appeal with it in front of them).
        await HideAsync(project.Id, ContentModeration.Removed);
        var visitor = app.CreateClient();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/projects/{project.Id}"), HttpStatusCode.Gone);
        var gone = await visitor.GetAsync($"/projects/{project.Slug}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.DoesNotContain("this account", await gone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/projects/{project.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_hidden_project_is_frozen_for_its_owners_and_takes_no_pledges()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Frozen {Guid.NewGuid():N}"[..20]);
        await HideAsync(project.Id);

        var edit = await owner.PutAsJsonAsync($"/api/projects/{project.Id}", new { title = "Now legit", goal = "Trust us.", online = true });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("jury", await edit.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/needs", new { kind = "Money", title = "More", quantity = 100 }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "Still selling!" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await owner.PutAsJsonAsync($"/api/projects/{project.Id}/status", new { status = "Active" }), HttpStatusCode.Forbidden);
        var (other, _) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/owners", new { memberId = other.Id }), HttpStatusCode.Forbidden);
        Assert.Equal("Frozen", (await owner.GetFromJsonAsync<ProjectView>($"/api/projects/{project.Id}"))!.Title[..6]);

        var (_, donor) = await app.MemberAsync();
        var pledge = await ProblemAssert.IsProblemAsync(await donor.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 500 }), HttpStatusCode.BadRequest);
        Assert.Contains("jury", pledge["needId"][0]);
        var (_, fan) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await fan.PostAsync($"/api/projects/{project.Id}/follow", null), HttpStatusCode.Forbidden);
        // Owners still see their pledges while the jury decides.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/projects/{project.Id}/pledges")).StatusCode);
    }

    [Fact]
    public async Task A_hidden_project_cannot_be_merged_from_either_side()
    {
        var (_, owner) = await app.MemberAsync();
        var hidden = await LaunchAsync(owner, $"Hidden {Guid.NewGuid():N}"[..20]);
        var visible = await LaunchAsync(owner, $"Visible {Guid.NewGuid():N}"[..20]);
        await HideAsync(hidden.Id);

        // Merging would carry its needs and updates into view and reopen pledging: refused both ways.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync($"/api/projects/{hidden.Id}/merge", new { intoId = visible.Id })).StatusCode);
        var into = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{visible.Id}/merge", new { intoId = hidden.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("jury", into["intoId"][0]);
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Id == hidden.Id || p.Id == visible.Id)
            .Select(p => p.MergedIntoId).ToListAsync());
        Assert.All(rows, r => Assert.Null(r));
    }

    [Fact]
    public async Task Merges_sent_both_ways_at_once_never_leave_two_projects_pointing_at_each_other()
    {
        var (_, owner) = await app.MemberAsync();
        for (var round = 0; round < 6; round++)
        {
            var a = await LaunchAsync(owner, $"A {Guid.NewGuid():N}"[..20]);
            var b = await LaunchAsync(owner, $"B {Guid.NewGuid():N}"[..20]);
            var answers = await Task.WhenAll(
                owner.PostAsJsonAsync($"/api/projects/{a.Id}/merge", new { intoId = b.Id }),
                owner.PostAsJsonAsync($"/api/projects/{b.Id}/merge", new { intoId = a.Id }));
            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.NoContent);
            var merged = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.Where(p => p.Id == a.Id || p.Id == b.Id)
                .Select(p => p.MergedIntoId).ToListAsync());
            Assert.Single(merged, m => m is not null);
        }
    }

    [Fact]
    public async Task Followers_of_a_hidden_project_get_no_digest_of_its_updates()
    {
        var (_, owner) = await app.MemberAsync();
        var project = await LaunchAsync(owner, $"Quiet {Guid.NewGuid():N}"[..20]);
        var (follower, followerClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await followerClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        var marker = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = $"Buy now {marker}" })).StatusCode);
        await HideAsync(project.Id);
        await app.WithScopeAsync(sp => sp.GetRequiredService<Following>().SendDigestsAsync(CancellationToken.None));
        await Task.Delay(600);
        Assert.DoesNotContain(app.Smtp.Received, m => m.TextBody?.Contains(marker) == true);
    }

    [Fact]
    public async Task An_update_names_its_author_the_same_way_when_posted_and_when_read()
    {
        var (owner, ownerClient) = await app.MemberAsync("Winnie Wong");
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.PutAsJsonAsync("/api/me", new { displayName = "Winnie Wong", zip = "10027", showFullName = true })).StatusCode);
        var project = await LaunchAsync(ownerClient, $"Named {Guid.NewGuid():N}"[..20]);
        var posted = (await (await ownerClient.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "Hello." })).Content.ReadFromJsonAsync<UpdateView>())!;
        var read = Assert.Single((await app.CreateClient().GetFromJsonAsync<Page<UpdateView>>($"/api/projects/{project.Id}/updates"))!.Items);
        Assert.Equal("Winnie Wong", posted.AuthorName);
        Assert.Equal(posted.AuthorName, read.AuthorName);
    }
}

public sealed class UnderReviewTests_Sqlite(SqliteApp app) : UnderReviewTests(app), IClassFixture<SqliteApp>;
public sealed class UnderReviewTests_Postgres(PostgresApp app) : UnderReviewTests(app), IClassFixture<PostgresApp>;
