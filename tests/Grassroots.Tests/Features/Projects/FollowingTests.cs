using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Projects;

public abstract class FollowingTests(AppFactory app)
{
    [Fact]
    public async Task Followers_and_pledgers_get_one_digest_of_the_owners_updates()
    {
        var (_, owner) = await app.MemberAsync();
        var project = (await (await owner.PostAsJsonAsync("/api/projects", new
        {
            title = $"Food pantry {Guid.NewGuid():N}"[..24], goal = "Feed 200 families.", online = true,
            needs = new[] { new { kind = "Hours", title = "Sorting", quantity = 50 } },
        })).Content.ReadFromJsonAsync<ProjectView>())!;
        var (follower, followerClient) = await app.MemberAsync();
        var (pledger, pledgerClient) = await app.MemberAsync();
        var (quitter, quitterClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await followerClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await followerClient.PostAsync($"/api/projects/{project.Id}/follow", null)).StatusCode); // twice: harmless
        await quitterClient.PostAsync($"/api/projects/{project.Id}/follow", null);
        await quitterClient.DeleteAsync($"/api/projects/{project.Id}/follow");
        Assert.Equal(HttpStatusCode.Created, (await pledgerClient.PostAsJsonAsync($"/api/projects/{project.Id}/needs/{project.Needs[0].Id}/pledges", new { amount = 4 })).StatusCode);

        await ProblemAssert.IsProblemAsync(await followerClient.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "Not mine to post" }), HttpStatusCode.Forbidden);
        var bad = await ProblemAssert.IsProblemAsync(await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = "<script>x()</script>" }), HttpStatusCode.BadRequest);
        Assert.True(bad.ContainsKey("body"));
        var marker = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = $"We sorted 2 tons today! {marker}" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/api/projects/{project.Id}/updates", new { body = $"Truck arrives Friday. {marker}" })).StatusCode);
        var updates = await followerClient.GetFromJsonAsync<Page<UpdateView>>($"/api/projects/{project.Id}/updates");
        Assert.Equal(2, updates!.Total);

        // The pledger reads Spanish: their digest is in Spanish, whoever posted.
        await app.WithScopeAsync(sp => sp.GetRequiredService<Grassroots.Infrastructure.Data.AppDbContext>().Users
            .Where(u => u.Id == pledger.Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.Culture, "es")));
        var sent = await app.WithScopeAsync(sp => sp.GetRequiredService<Following>().SendDigestsAsync(CancellationToken.None));
        Assert.True(sent >= 2);
        foreach (var member in new[] { follower, pledger })
        {
            var mail = await app.Smtp.WaitForAsync(member.Email!, m => m.TextBody?.Contains(marker) == true);
            Assert.Contains("We sorted 2 tons today!", mail.TextBody);
            Assert.Contains("Truck arrives Friday.", mail.TextBody); // both updates, one email
            Assert.Matches($@"http://localhost(:\d+)?/projects/{project.Slug}", mail.TextBody); // a link that works from a mailbox
            Assert.Equal(member == pledger ? "Novedades de los proyectos que sigues" : "News from the projects you follow", mail.Subject);
        }
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<Following>().SendDigestsAsync(CancellationToken.None))); // nothing new
        await Task.Delay(500);
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == quitter.Email) && m.TextBody?.Contains(marker) == true);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == follower.Email) && m.TextBody?.Contains(marker) == true);
    }
}

public sealed class FollowingTests_Sqlite(SqliteApp app) : FollowingTests(app), IClassFixture<SqliteApp>;
public sealed class FollowingTests_Postgres(PostgresApp app) : FollowingTests(app), IClassFixture<PostgresApp>;
