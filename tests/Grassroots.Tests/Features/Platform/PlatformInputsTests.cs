using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Platform;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Platform;

/// <summary>Every platform input at and past its edges: a 400 naming the field, and nothing changed.</summary>
public abstract class PlatformInputsTests(AppFactory app)
{
    [Fact]
    public async Task Out_of_range_values_are_refused_by_field_and_change_nothing()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var plank = doc.Planks.First().Key;
        async Task<IDictionary<string, string[]>> RefusedAsync(HttpResponseMessage r) => await ProblemAssert.IsProblemAsync(r, HttpStatusCode.BadRequest);

        // An amendment of an unknown kind; a removal needs no text but a title; too long a reason.
        Assert.Contains("kind", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments",
            new { version = 1, plankKey = plank, kind = 99, title = "T", text = "Words." }))).Keys);
        var removal = await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments", new { version = 1, plankKey = plank, kind = "RemovePlank", title = "" }));
        Assert.Equal(["title"], removal.Keys);
        Assert.Contains("reason", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments",
            new { version = 1, plankKey = plank, title = "T", text = "Other words.", reason = new string('r', AmendmentRevision.MaxReasonLength + 1) }))).Keys);

        // Facilitators' inputs: a phase that does not exist, an end in the past, thresholds out of range, an unknown role, too many to merge.
        Assert.Contains("phase", (await RefusedAsync(await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase = 99 }))).Keys);
        Assert.Contains("endsAt", (await RefusedAsync(await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { endsAt = DateTimeOffset.UtcNow.AddDays(-1) }))).Keys);
        var thresholds = await RefusedAsync(await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/settings", new { ballotPerMille = 0, ballotMinimum = 1_000_001 }));
        Assert.Equal(["ballotMinimum", "ballotPerMille"], thresholds.Keys.Order());
        Assert.Contains("role", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/facilitators", new { memberId = Guid.NewGuid(), role = 7 }))).Keys);
        Assert.Contains("amendments", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = Enumerable.Range(1, 201) }))).Keys);
        Assert.Contains("amendments", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = Array.Empty<int>() }))).Keys);
        foreach (var numbers in new[] { new[] { 0 }, [-5], [-1, 0, int.MaxValue] })
            Assert.Contains("amendments", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = numbers }))).Keys);
        // A line break in a title is a space: a title heads pages and mail.
        var titled = await creator.PostAsJsonAsync("/api/platform", new { title = "Hi\r\nBcc: victim@evil.example", text = PlatformTests.Text });
        Assert.Equal("Hi Bcc: victim@evil.example", (await titled.Content.ReadFromJsonAsync<DocumentView>())!.Title);

        // Nothing moved.
        var after = (await creator.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!;
        Assert.Equal((doc.Phase, doc.BallotPerMille, doc.BallotMinimum, 1), (after.Phase, after.BallotPerMille, after.BallotMinimum, after.CurrentVersion));
        Assert.Equal(0, (await creator.GetFromJsonAsync<Grassroots.Infrastructure.Web.Page<AmendmentSummary>>($"/api/platform/{doc.Slug}/amendments"))!.Total);

        // A ratified document takes no new version, not even an empty one.
        foreach (var phase in new[] { "Deliberation", "Frozen", "Ratified" })
            Assert.Equal(HttpStatusCode.NoContent, (await creator.PutAsJsonAsync($"/api/platform/{doc.Id}/phase", new { phase })).StatusCode);
        Assert.Contains("amendments", (await RefusedAsync(await creator.PostAsJsonAsync($"/api/platform/{doc.Id}/merge", new { amendments = new[] { 1 } }))).Keys);
        Assert.Equal(1, (await creator.GetFromJsonAsync<DocumentView>($"/api/platform/{doc.Slug}"))!.CurrentVersion);
    }
}

public sealed class PlatformInputsTests_Sqlite(SqliteApp app) : PlatformInputsTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformInputsTests_Postgres(PostgresApp app) : PlatformInputsTests(app), IClassFixture<PostgresApp>;
