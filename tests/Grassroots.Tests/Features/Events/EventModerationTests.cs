using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Events;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Tests.Features.Moderation;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

/// <summary>Events and campaigns go to a community jury like groups and projects; a member under review hosts nothing new.</summary>
public abstract class EventModerationTests(DbKind kind)
{
    private static readonly DateTime NextYear = new(DateTime.UtcNow.Year + 1, 6, 4, 19, 0, 0);

    private static object Party(string title = "Watch sale party") => new
    {
        kind = "HouseParty", title, startsAt = NextYear, endsAt = NextYear.AddHours(3),
        timeZone = "America/Chicago", zip = "60615", address = "5700 S Dorchester Ave", capacity = 20,
    };

    [Fact]
    public async Task A_flagged_event_leaves_the_lists_takes_no_rsvps_changes_or_messages_and_shows_the_jurys_notice()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (_, host) = await app.MemberAsync("Sketchy Host");
        var e = (await (await host.PostAsJsonAsync("/api/events", Party())).Content.ReadFromJsonAsync<EventView>())!;
        var (_, coming) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await coming.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { })).StatusCode);
        Assert.Contains((await app.CreateClient().GetFromJsonAsync<Page<EventSummary>>("/api/events?zip=60615"))!.Items, x => x.Id == e.Id);

        var opened = await app.FlagPastThresholdAsync("event", e.Id.ToString());
        Assert.Equal("Watch sale party", opened.ContentTitle);

        var anonymous = app.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/events/{e.Id}"), HttpStatusCode.Forbidden);
        var page = await anonymous.GetAsync($"/events/{e.Slug}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Watch sale party", html);
        Assert.DoesNotContain("5700 S Dorchester", html);
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<Page<EventSummary>>("/api/events?zip=60615"))!.Items, x => x.Id == e.Id);
        // Its host still sees it, with the notice; nothing of it moves while the jury decides.
        Assert.Equal(ContentModeration.UnderReview, (await host.GetFromJsonAsync<EventView>($"/api/events/{e.Id}"))!.Moderation);
        var (_, late) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await late.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PutAsJsonAsync($"/api/events/{e.Id}", Party("Renamed")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "Sale", body = "Watches!" }), HttpStatusCode.Forbidden);
        Assert.Equal("Watch sale party", await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.Where(x => x.Id == e.Id).Select(x => x.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_flagged_campaign_is_replaced_by_the_notice_for_everyone_but_its_runner()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (_, runner) = await app.MemberAsync();
        var created = await runner.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Watch sale weekend", firstDay = DateOnly.FromDateTime(NextYear), lastDay = DateOnly.FromDateTime(NextYear.AddDays(1)),
            kind = "HouseParty", templateTitle = "Watch party",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = (await created.Content.ReadFromJsonAsync<CampaignView>())!;
        await app.FlagPastThresholdAsync("campaign", c.Id.ToString());
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync($"/api/campaigns/{c.Slug}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().GetAsync($"/campaigns/{c.Slug}")).StatusCode);
        Assert.Equal(ContentModeration.UnderReview, (await runner.GetFromJsonAsync<CampaignView>($"/api/campaigns/{c.Slug}"))!.Moderation);
        Assert.DoesNotContain((await app.CreateClient().GetFromJsonAsync<Page<CampaignSummary>>("/api/campaigns"))!.Items, x => x.Id == c.Id);
    }

    [Fact]
    public async Task A_member_under_review_keeps_their_events_but_hosts_nothing_new_and_writes_to_nobody()
    {
        await using var app = await ModerationApp.StartAsync(kind);
        var (member, client) = await app.MemberAsync("Flagged Member");
        var e = (await (await client.PostAsJsonAsync("/api/events", Party())).Content.ReadFromJsonAsync<EventView>())!;
        var (guest, guestClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await guestClient.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { })).StatusCode);
        await app.FlagPastThresholdAsync("member", member.Id.ToString());

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/events", Party("Another")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/campaigns", new
        {
            title = "More", firstDay = DateOnly.FromDateTime(NextYear), lastDay = DateOnly.FromDateTime(NextYear), kind = "HouseParty", templateTitle = "More",
        }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "Hi", body = "Hello." }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/events/{e.Id}/cohosts", new { memberId = guest.Id }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/events/{e.Id}/attendees")).StatusCode);
    }
}

public sealed class EventModerationTests_Sqlite() : EventModerationTests(DbKind.Sqlite);
public sealed class EventModerationTests_Postgres() : EventModerationTests(DbKind.Postgres);
