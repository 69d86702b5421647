using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Events;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Web;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

/// <summary>Co-hosts with consent, messages that keep addresses hidden, the CSV only with the organizers' leave.</summary>
public abstract class HostsTests(AppFactory app)
{
    private static readonly DateTime NextYear = new(DateTime.UtcNow.Year + 1, 6, 4, 19, 0, 0);

    private static object Party(Guid? groupId = null) => new
    {
        kind = "HouseParty", title = "House party", startsAt = NextYear, endsAt = NextYear.AddHours(3),
        timeZone = "America/Chicago", zip = "60615", address = "5700 S Dorchester Ave", capacity = 20, groupId,
    };

    private static async Task<EventView> CreateAsync(HttpClient host, object input)
    {
        var response = await host.PostAsJsonAsync("/api/events", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<EventView>())!;
    }

    [Fact]
    public async Task A_cohost_gets_the_tools_only_after_accepting_and_loses_them_when_removed()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var (helper, helperClient) = await app.MemberAsync("Hana Helper");
        var (stranger, _) = await app.MemberAsync();
        // Only someone coming (or in the event's group) can be asked: no inviting strangers by id.
        Assert.Contains("memberId", (await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{e.Id}/cohosts", new { memberId = stranger.Id }), HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.Created, (await helperClient.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.PostAsJsonAsync($"/api/events/{e.Id}/cohosts", new { memberId = helper.Id })).StatusCode);
        // They hear of it at once (a notice and its mail), pointing to where they answer.
        var notice = Assert.Single((await helperClient.GetFromJsonAsync<Page<NoticeView>>("/api/me/notices"))!.Items, n => n.Kind == nameof(NoticeKind.CohostInvitation));
        Assert.Equal("/me/events", notice.Link);
        Assert.Contains("House party", notice.Headline);
        await app.Smtp.WaitForAsync(helper.Email!, m => m.Subject?.Contains("House party") == true);
        // Invited, not yet accepted: no host tools.
        await ProblemAssert.IsProblemAsync(await helperClient.GetAsync($"/api/events/{e.Id}/attendees"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await helperClient.PostAsync($"/api/events/{e.Id}/cohosts/me/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await helperClient.GetAsync($"/api/events/{e.Id}/attendees")).StatusCode);
        var hosts = (await host.GetFromJsonAsync<EventHostsView>($"/api/events/{e.Id}/hosts"))!;
        Assert.StartsWith("Hana", Assert.Single(hosts.Cohosts, c => c.Accepted).Name);
        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"/api/events/{e.Id}/cohosts/{helper.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await helperClient.GetAsync($"/api/events/{e.Id}/attendees"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await helperClient.PutAsJsonAsync($"/api/events/{e.Id}", Party()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Hosts_message_the_people_coming_without_seeing_their_addresses()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var guest = $"g{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { name = "Gil Guest", email = guest })).StatusCode);
        var bad = await host.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "", body = "<script>x</script>" });
        var errors = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("subject", errors.Keys);
        Assert.Contains("body", errors.Keys);
        var sent = await host.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "Parking", body = "Park on **57th**." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.DoesNotContain(guest, await sent.Content.ReadAsStringAsync());
        var mail = await app.Smtp.WaitForAsync(guest, m => (m.Subject ?? "").Contains("Parking"));
        Assert.Contains("Park on **57th**.", mail.TextBody);
        Assert.Contains("/cancel?token=", mail.TextBody);
        var (_, stranger) = await app.MemberAsync();
        await ProblemAssert.IsProblemAsync(await stranger.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "Spam", body = "Buy" }), HttpStatusCode.Forbidden);
        for (var i = 1; i < HostMessages.PerDay; i++)
            Assert.Equal(HttpStatusCode.Created, (await host.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = $"Note {i}", body = "More." })).StatusCode);
        await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{e.Id}/messages", new { subject = "One too many", body = "More." }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_csv_needs_the_group_organizers_leave_and_every_download_is_logged()
    {
        var (organizer, organizerClient) = await app.MemberAsync();
        var group = await (await organizerClient.PostAsJsonAsync("/api/groups", new { name = $"Hyde Park {Guid.NewGuid():N}"[..20], kind = "Chapter", zip = "60615", description = "Us." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetGuid();
        var (host, hostClient) = await app.MemberAsync();
        var mine = await CreateAsync(hostClient, Party());
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{mine.Id}/rsvps", new { name = "=HYPERLINK(\"x\")", email = $"g{Guid.NewGuid():N}@example.org" })).StatusCode);
        // Nobody granted it: refused, for the host of a personal event too.
        await ProblemAssert.IsProblemAsync(await hostClient.GetAsync($"/api/events/{mine.Id}/attendees.csv"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hostClient.PutAsJsonAsync($"/api/events/{mine.Id}/export-permission", new { granted = true }), HttpStatusCode.Forbidden);

        // A second organizer hosts the group's event: they may not grant it to themself (founding a group alone is no way to the addresses).
        var (hoster, hosterClient) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await hosterClient.PostAsync($"/api/groups/{groupId}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PostAsJsonAsync($"/api/groups/{groupId}/organizers", new { memberId = hoster.Id })).StatusCode);
        var groupEvent = await CreateAsync(hosterClient, Party(groupId));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{groupEvent.Id}/rsvps", new { name = "=HYPERLINK(\"x\")", email = "csv-guest@example.org" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await hosterClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hosterClient.PutAsJsonAsync($"/api/events/{groupEvent.Id}/export-permission", new { granted = true }), HttpStatusCode.Forbidden);
        var selfGranted = await CreateAsync(organizerClient, Party(groupId));
        await ProblemAssert.IsProblemAsync(await organizerClient.PutAsJsonAsync($"/api/events/{selfGranted.Id}/export-permission", new { granted = true }), HttpStatusCode.Forbidden);
        // The other organizer, who does not host it, allows it.
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PutAsJsonAsync($"/api/events/{groupEvent.Id}/export-permission", new { granted = true })).StatusCode);
        var csv = await hosterClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("csv-guest@example.org", text);
        Assert.Contains("'=HYPERLINK", text); // a formula stays text in a spreadsheet
        // The hosts' page links the same file outside /api, where the browser's sign-in cookie is read.
        var fromPage = await (await app.BrowserAsync(hoster)).GetAsync($"/events/{groupEvent.Id}/attendees.csv");
        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Contains("csv-guest@example.org", await fromPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BrowserAsync()).GetAsync($"/events/{groupEvent.Id}/attendees.csv")).StatusCode);
        var log = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog
            .Where(a => a.SubjectId == groupEvent.Id.ToString()).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Contains(log, a => a.Action == "event.export.grant" && a.ActorId == organizer.Id);
        Assert.Contains(log, a => a.Action == "event.export" && a.ActorId == hoster.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PutAsJsonAsync($"/api/events/{groupEvent.Id}/export-permission", new { granted = false })).StatusCode);
        await ProblemAssert.IsProblemAsync(await hosterClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv"), HttpStatusCode.Forbidden);
    }
    [Fact]
    public async Task A_groups_page_and_api_list_its_upcoming_events_and_those_it_cohosts_members_only_ones_to_members()
    {
        var (organizer, organizerClient) = await app.MemberAsync();
        var group = await (await organizerClient.PostAsJsonAsync("/api/groups", new { name = $"Kenwood {Guid.NewGuid():N}"[..20], kind = "Chapter", zip = "60615", description = "Us." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetGuid();
        var slug = group.GetProperty("slug").GetString()!;
        var own = await CreateAsync(organizerClient, new
        {
            kind = "Meeting", title = "Chapter meeting", startsAt = NextYear, endsAt = NextYear.AddHours(2), timeZone = "America/Chicago",
            zip = "60615", address = "1 Main St", groupId,
        });
        var inside = await CreateAsync(organizerClient, new
        {
            kind = "Meeting", title = "Members only planning", startsAt = NextYear.AddDays(1), endsAt = NextYear.AddDays(1).AddHours(2), timeZone = "America/Chicago",
            zip = "60615", address = "1 Main St", groupId, visibility = "GroupMembers",
        });
        // An organizer who hosts another event makes the group a co-host of it.
        var other = await CreateAsync(organizerClient, new
        {
            kind = "Rally", title = "Co-hosted rally", startsAt = NextYear.AddDays(2), endsAt = NextYear.AddDays(2).AddHours(2), timeZone = "America/Chicago",
            zip = "60615", address = "2 Main St",
        });
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PutAsync($"/api/events/{other.Id}/groups/{groupId}", null)).StatusCode);
        var cancelled = await CreateAsync(organizerClient, Party(groupId));
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PostAsync($"/api/events/{cancelled.Id}/cancel", null)).StatusCode);

        var anonymous = (await app.CreateClient().GetFromJsonAsync<Page<EventListing>>($"/api/groups/{slug}/events"))!;
        Assert.Equal(["Chapter meeting", "Co-hosted rally"], anonymous.Items.Select(e => e.Title));
        Assert.Equal(2, anonymous.Total);
        var members = (await organizerClient.GetFromJsonAsync<Page<EventListing>>($"/api/groups/{groupId}/events"))!;
        Assert.Equal([own.Id, inside.Id, other.Id], members.Items.Select(e => e.Id));
        await ProblemAssert.IsProblemAsync(await organizerClient.GetAsync("/api/groups/no-such-group/events"), HttpStatusCode.NotFound);

        var page = await app.CreateClient().GetStringAsync($"/groups/{slug}");
        Assert.Contains("Chapter meeting", page);
        Assert.DoesNotContain("Members only planning", page);
        Assert.DoesNotContain("/events/new?group=", page);
        var organizerPage = await organizerClient.GetStringAsync($"/groups/{slug}");
        Assert.Contains("Members only planning", organizerPage);
        Assert.Contains($"/events/new?group={groupId}", organizerPage);
        // "Host an event for this group" arrives with the group chosen.
        Assert.Contains($"value=\"{groupId}\" selected", (await organizerClient.GetStringAsync($"/events/new?group={groupId}")).Replace("selected=\"selected\"", "selected"));
    }
    [Fact]
    public async Task Campaign_totals_count_only_what_the_campaign_lists_publicly()
    {
        var (_, organizerClient) = await app.MemberAsync();
        var group = await (await organizerClient.PostAsJsonAsync("/api/groups", new { name = $"Totals {Guid.NewGuid():N}"[..20], kind = "Chapter", zip = "60615", description = "Us." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetGuid();
        var campaign = (await (await organizerClient.PostAsJsonAsync("/api/campaigns", new
        {
            title = $"Weekend {Guid.NewGuid():N}"[..20], firstDay = DateOnly.FromDateTime(NextYear), lastDay = DateOnly.FromDateTime(NextYear.AddDays(1)),
            kind = "HouseParty", templateTitle = "House party",
        })).Content.ReadFromJsonAsync<CampaignView>())!;
        await CreateAsync(organizerClient, new
        {
            kind = "HouseParty", title = "Open party", startsAt = NextYear, endsAt = NextYear.AddHours(2), timeZone = "America/Chicago",
            zip = "60615", address = "1 Main St", campaignId = campaign.Id,
        });
        await CreateAsync(organizerClient, new
        {
            kind = "HouseParty", title = "Members only party", startsAt = NextYear, endsAt = NextYear.AddHours(2), timeZone = "America/New_York",
            zip = "10027", address = "1 Main St", campaignId = campaign.Id, groupId, visibility = "GroupMembers",
        });
        var totals = (await app.CreateClient().GetFromJsonAsync<CampaignView>($"/api/campaigns/{campaign.Slug}"))!.Totals;
        Assert.Equal((1, 1), (totals.Events, totals.States));
        Assert.Single((await app.CreateClient().GetFromJsonAsync<Page<EventListing>>($"/api/campaigns/{campaign.Slug}/events"))!.Items);
    }
}

public sealed class HostsTests_Sqlite(SqliteApp app) : HostsTests(app), IClassFixture<SqliteApp>;
public sealed class HostsTests_Postgres(PostgresApp app) : HostsTests(app), IClassFixture<PostgresApp>;
