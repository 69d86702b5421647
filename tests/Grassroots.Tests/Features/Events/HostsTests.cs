using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Events;
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

        var groupEvent = await CreateAsync(organizerClient, Party(groupId));
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{groupEvent.Id}/rsvps", new { name = "=HYPERLINK(\"x\")", email = "csv-guest@example.org" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await organizerClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PutAsJsonAsync($"/api/events/{groupEvent.Id}/export-permission", new { granted = true })).StatusCode);
        var csv = await organizerClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("csv-guest@example.org", text);
        Assert.Contains("'=HYPERLINK", text); // a formula stays text in a spreadsheet
        var log = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog
            .Where(a => a.SubjectId == groupEvent.Id.ToString()).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Contains(log, a => a.Action == "event.export.grant" && a.ActorId == organizer.Id);
        Assert.Contains(log, a => a.Action == "event.export" && a.ActorId == organizer.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await organizerClient.PutAsJsonAsync($"/api/events/{groupEvent.Id}/export-permission", new { granted = false })).StatusCode);
        await ProblemAssert.IsProblemAsync(await organizerClient.GetAsync($"/api/events/{groupEvent.Id}/attendees.csv"), HttpStatusCode.Forbidden);
    }
}

public sealed class HostsTests_Sqlite(SqliteApp app) : HostsTests(app), IClassFixture<SqliteApp>;
public sealed class HostsTests_Postgres(PostgresApp app) : HostsTests(app), IClassFixture<PostgresApp>;
