using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grassroots.Tests.Features.Projects;

public abstract class MergingTests(AppFactory app)
{
    private static async Task<ProjectView> LaunchAsync(HttpClient owner, string title) =>
        (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title, goal = "Register voters.", online = true,
            needs = new[] { new { kind = "People", title = "Clipboard holders", skill = "canvassing", quantity = 5 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;

    [Fact]
    public async Task Merging_moves_needs_pledges_followers_and_updates_and_the_old_address_redirects()
    {
        var (_, owner) = await app.MemberAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var keep = await LaunchAsync(owner, $"Register voters {tag}");
        var old = await LaunchAsync(owner, $"Voter drive {tag}");
        var (volunteer, volunteerClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await volunteerClient.PostAsJsonAsync($"/api/projects/{old.Id}/needs/{old.Needs[0].Id}/pledges", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/projects/{old.Id}/updates", new { body = "We got clipboards." })).StatusCode);

        var self = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{old.Id}/merge", new { intoId = old.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("itself", self["intoId"][0]);
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync($"/api/projects/{old.Id}/merge", new { intoId = keep.Id }), HttpStatusCode.Forbidden);
        var strangers = await LaunchAsync(stranger, $"Voter table {tag}");
        var notBoth = await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync($"/api/projects/{strangers.Id}/merge", new { intoId = keep.Id }), HttpStatusCode.BadRequest);
        Assert.Contains("owns both", notBoth["intoId"][0]);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/projects/{old.Id}/merge", new { intoId = keep.Id })).StatusCode);
        var merged = (await volunteerClient.GetFromJsonAsync<ProjectView>($"/api/projects/{keep.Id}"))!;
        Assert.Equal(2, merged.Needs.Count);
        Assert.Equal(PledgeStatus.Pending, merged.Needs.Single(n => n.Id == old.Needs[0].Id).MyPledge!.Status); // the pledge came along
        Assert.Equal(1, (await volunteerClient.GetFromJsonAsync<Page<UpdateView>>($"/api/projects/{keep.Id}/updates"))!.Total);
        var pledges = await owner.GetFromJsonAsync<Page<OwnerPledgeView>>($"/api/projects/{keep.Id}/pledges");
        Assert.Equal(volunteer.Id, Assert.Single(pledges!.Items).MemberId);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetAsync($"/projects/{old.Slug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/projects/{keep.Slug}", page.Headers.Location!.OriginalString);
        var api = await browser.GetAsync($"/api/projects/{old.Slug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, api.StatusCode);

        var again = await owner.PostAsJsonAsync($"/api/projects/{old.Id}/merge", new { intoId = keep.Id });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("merged into another", await again.Content.ReadAsStringAsync());
    }
}

public sealed class MergingTests_Sqlite(SqliteApp app) : MergingTests(app), IClassFixture<SqliteApp>;
public sealed class MergingTests_Postgres(PostgresApp app) : MergingTests(app), IClassFixture<PostgresApp>;
