using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

public abstract class CheckInTests(AppFactory app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A house party in New York that starts in <paramref name="startsIn"/> (default: half an hour, so the door is open).</summary>
    private async Task<EventView> PartyAsync(HttpClient host, int? capacity = 10, int guests = 2, TimeSpan? startsIn = null, string visibility = "Public", Guid? groupId = null)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + (startsIn ?? TimeSpan.FromMinutes(30)), zone).DateTime;
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0);
        var response = await host.PostAsJsonAsync("/api/events", new
        {
            kind = "HouseParty", title = "Door test party", startsAt = start, endsAt = start.AddHours(3), timeZone = zone.Id,
            zip = "19107", address = "1 Door St", capacity, guestsAllowed = guests, waitlist = true, visibility, groupId,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<EventView>())!;
    }

    private async Task<RsvpView> RsvpAsync(Guid eventId, string name, int guests = 0, HttpClient? client = null)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        var response = await (client ?? app.CreateClient()).PostAsJsonAsync($"/api/events/{eventId}/rsvps",
            client is null ? new { name, email, guests } : (object)new { guests });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (client is not null) return (await response.Content.ReadFromJsonAsync<RsvpAnswer>())!.Rsvp;
        // A guest's answer says only "check your email": the RSVP is read back from the database.
        var key = email.ToUpperInvariant();
        return RsvpView.Of(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().SingleAsync(r => r.EmailKey == key)));
    }

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, Guid eventId, Guid rsvpId) =>
        client.PostAsync($"/api/events/{eventId}/attendees/{rsvpId}/checkin", null);

    private static Task<HttpResponseMessage> WalkInAsync(HttpClient client, Guid eventId, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{eventId}/walkins") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    private Task<Event> StoredAsync(Guid eventId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.AsNoTracking().SingleAsync(e => e.Id == eventId));

    private Task MoveAsync(Guid eventId, DateTimeOffset startsAt, TimeSpan length) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, startsAt).SetProperty(e => e.EndsAt, startsAt + length)));

    [Fact]
    public async Task A_non_host_is_refused_a_stranger_to_a_group_or_hidden_event_finds_nothing_and_hosts_see_no_emails()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var guest = await RsvpAsync(party.Id, "Gus Guest");
        var (_, other) = await app.MemberAsync();

        var list = await host.GetAsync($"/api/events/{party.Id}/attendees");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Gus Guest", text);
        Assert.DoesNotContain("@example.org", text); // names and what check-in needs, never addresses

        foreach (var refused in new[]
        {
            await other.GetAsync($"/api/events/{party.Id}/attendees"),
            await CheckInAsync(other, party.Id, guest.Id),
            await other.DeleteAsync($"/api/events/{party.Id}/attendees/{guest.Id}/checkin"),
            await WalkInAsync(other, party.Id, new { name = "Sneaky" }),
            await other.PostAsJsonAsync($"/api/events/{party.Id}/report", new { turnout = 3 }),
        })
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.Contains("Only the event's hosts may do that.", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/events/{party.Id}/attendees")).StatusCode);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AnyAsync(r => r.EventId == party.Id && (r.WalkIn || r.CheckedInAt != null))));

        // An event for a group's members: to someone outside the group it does not exist.
        var group = await OkAsync<JsonElement>(await host.PostAsJsonAsync("/api/groups", new { name = $"Door group {Guid.NewGuid():N}"[..24], kind = "Chapter", zip = "19107", description = "Us." }), HttpStatusCode.Created);
        var members = await PartyAsync(host, visibility: "GroupMembers", groupId: group.GetProperty("id").GetGuid());
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/events/{members.Id}/attendees"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await WalkInAsync(other, members.Id, new { name = "Sneaky" }), HttpStatusCode.NotFound);
        // A hidden event (under review) is still its host's; to anyone else it does not exist.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.Where(x => x.Id == party.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Moderation, Grassroots.Features.Moderation.ContentModeration.UnderReview)));
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/events/{party.Id}/attendees"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/events/{party.Id}/attendees")).StatusCode);
    }

    [Fact]
    public async Task Check_in_is_idempotent_undo_undoes_and_only_confirmed_rsvps_of_that_event_are_checked_in()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host, capacity: 3);
        var ana = await RsvpAsync(party.Id, "Ana Torres", guests: 2);
        var waiting = await RsvpAsync(party.Id, "Wes Waiting");
        Assert.Equal(RsvpStatus.Waitlisted, waiting.Status);
        var (_, otherHost) = await app.MemberAsync();
        var elsewhere = await PartyAsync(otherHost);
        var theirs = await RsvpAsync(elsewhere.Id, "Theo Theirs");

        var first = await OkAsync<CheckInAnswer>(await CheckInAsync(host, party.Id, ana.Id));
        Assert.NotNull(first.Attendee.CheckedInAt);
        Assert.Equal(new CheckInCounts(3, 3, 0, 1), first.Counts); // Ana and her two guests
        await Task.Delay(20);
        var again = await OkAsync<CheckInAnswer>(await CheckInAsync(host, party.Id, ana.Id));
        Assert.Equal(first.Attendee.CheckedInAt, again.Attendee.CheckedInAt); // the first time stays
        Assert.Equal(3, (await host.GetFromJsonAsync<EventView>($"/api/events/{party.Id}"))!.Counts.CheckedIn);

        var undone = await OkAsync<CheckInAnswer>(await host.DeleteAsync($"/api/events/{party.Id}/attendees/{ana.Id}/checkin"));
        Assert.Null(undone.Attendee.CheckedInAt);
        Assert.Equal(0, undone.Counts.Arrived);
        Assert.Equal(HttpStatusCode.OK, (await host.DeleteAsync($"/api/events/{party.Id}/attendees/{ana.Id}/checkin")).StatusCode);

        // Someone else's RSVP through this event's address: nothing there. Through theirs: not this host's event.
        await ProblemAssert.IsProblemAsync(await CheckInAsync(host, party.Id, theirs.Id), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await CheckInAsync(host, elsewhere.Id, theirs.Id), HttpStatusCode.Forbidden);
        var notSeated = await ProblemAssert.IsProblemAsync(await CheckInAsync(host, party.Id, waiting.Id), HttpStatusCode.BadRequest);
        Assert.Contains("waitlist", notSeated["rsvpId"][0]);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking()
            .Where(r => r.Id == theirs.Id || r.Id == waiting.Id || r.Id == ana.Id).Select(r => r.CheckedInAt).ToListAsync());
        Assert.All(stored, Assert.Null);
    }

    [Fact]
    public async Task Fifty_parallel_check_ins_of_one_rsvp_check_it_in_once()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Torres", guests: 1);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CheckInAsync(host, party.Id, ana.Id)));
        var times = new List<DateTimeOffset?>();
        foreach (var a in answers) times.Add((await OkAsync<CheckInAnswer>(a)).Attendee.CheckedInAt);
        Assert.Single(times.Distinct());
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().SingleAsync(r => r.Id == ana.Id));
        Assert.Equal(times[0], stored.CheckedInAt);
        Assert.Equal(2, (await host.GetFromJsonAsync<EventView>($"/api/events/{party.Id}"))!.Counts.CheckedIn);
    }

    [Fact]
    public async Task Fifty_parallel_walk_ins_with_one_idempotency_key_add_one_person()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        foreach (var email in new string?[] { null, $"walk-{Guid.NewGuid():N}@example.org" })
        {
            var key = Guid.NewGuid().ToString("N");
            var name = email is null ? "Walter Walk" : "Wanda Walk";
            var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => WalkInAsync(host, party.Id, new { name, email, guests = 1 }, key)));
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().Where(r => r.EventId == party.Id && r.Name == name).ToListAsync());
            var row = Assert.Single(rows);
            Assert.True(row.WalkIn);
            Assert.Equal(RsvpStatus.Confirmed, row.Status);
            Assert.NotNull(row.CheckedInAt);
        }
        // Another key is another person.
        await OkAsync<CheckInAnswer>(await WalkInAsync(host, party.Id, new { name = "Walter Walk" }, "another"), HttpStatusCode.Created);
        var counts = (await OkAsync<AttendeeList>(await host.GetAsync($"/api/events/{party.Id}/attendees?status=walkIns"))).Counts;
        Assert.Equal(new CheckInCounts(0, 0, 5, 0), counts);
    }

    [Fact]
    public async Task Walk_ins_never_take_seats_and_cancelling_one_cannot_corrupt_the_counts()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host, capacity: 2, guests: 1);
        await RsvpAsync(party.Id, "Ana Torres", guests: 1); // the event is full
        var (member, memberClient) = await app.MemberAsync("Mo Member");
        var waiting = await RsvpAsync(party.Id, "", client: memberClient);
        Assert.Equal(RsvpStatus.Waitlisted, waiting.Status);

        var walkIns = new List<CheckInAnswer>();
        for (var i = 0; i < 5; i++)
            walkIns.Add(await OkAsync<CheckInAnswer>(await WalkInAsync(host, party.Id, new { name = $"Walk-in {i}", guests = 2 }, $"w{i}"), HttpStatusCode.Created));
        var e = await StoredAsync(party.Id);
        Assert.Equal((2, 1), (e.Confirmed, e.Waitlisted)); // the seats and the line are as they were
        Assert.Equal(new EventCounts(2, 1, 15, 15), (await host.GetFromJsonAsync<EventView>($"/api/events/{party.Id}"))!.Counts);

        // A walk-in that ends up under a member's account (an address later matched) is still not theirs to cancel.
        var walkInId = walkIns[0].Attendee.Id;
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.Where(r => r.Id == walkInId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MemberId, member.Id)));
        await ProblemAssert.IsProblemAsync(await memberClient.PostAsync($"/api/events/{party.Id}/rsvps/{walkInId}/cancel", null), HttpStatusCode.BadRequest);
        e = await StoredAsync(party.Id);
        Assert.Equal((2, 1), (e.Confirmed, e.Waitlisted));
        var stillWaiting = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().SingleAsync(r => r.Id == waiting.Id));
        Assert.Equal(RsvpStatus.Waitlisted, stillWaiting.Status); // nobody was promoted into a seat that never freed

        // A host removes a walk-in added by mistake: gone from the count, the seats untouched.
        var removed = await OkAsync<CheckInAnswer>(await host.DeleteAsync($"/api/events/{party.Id}/attendees/{walkIns[1].Attendee.Id}/checkin"));
        Assert.Equal(RsvpStatus.Cancelled, removed.Attendee.Status);
        Assert.Equal(new CheckInCounts(2, 0, 12, 1), removed.Counts);
        e = await StoredAsync(party.Id);
        Assert.Equal((2, 1), (e.Confirmed, e.Waitlisted));
    }

    [Fact]
    public async Task A_removed_co_host_loses_access_at_once()
    {
        var (hostMember, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Torres");
        var bea = await RsvpAsync(party.Id, "Bea Ortiz");
        var (cohost, cohostClient) = await app.MemberAsync("Co Host");
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.EventCohosts.Add(new EventCohost { EventId = party.Id, MemberId = cohost.Id, InvitedById = hostMember.Id, InvitedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await cohostClient.GetAsync($"/api/events/{party.Id}/attendees")).StatusCode);
        await OkAsync<CheckInAnswer>(await CheckInAsync(cohostClient, party.Id, ana.Id));

        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().EventCohosts.Where(c => c.EventId == party.Id && c.MemberId == cohost.Id).ExecuteDeleteAsync());
        await ProblemAssert.IsProblemAsync(await cohostClient.GetAsync($"/api/events/{party.Id}/attendees"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await CheckInAsync(cohostClient, party.Id, bea.Id), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await cohostClient.DeleteAsync($"/api/events/{party.Id}/attendees/{ana.Id}/checkin"), HttpStatusCode.Forbidden);
        Assert.Null((await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().SingleAsync(r => r.Id == bea.Id))).CheckedInAt);
    }

    private HubConnection Hub(HttpClient client) =>
        new HubConnectionBuilder().WithUrl(new Uri(app.Server.BaseAddress, CheckInHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling; // the test server speaks HTTP only
            o.AccessTokenProvider = () => Task.FromResult(client.DefaultRequestHeaders.Authorization?.Parameter);
        }).Build();

    [Fact]
    public async Task The_hub_refuses_a_non_host_and_pushes_every_change_to_the_hosts_pages()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Torres", guests: 1);
        var (_, other) = await app.MemberAsync();

        await using var hostHub = Hub(host);
        await using var otherHub = Hub(other);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<CheckInUpdate>();
        var strangerHeard = new System.Collections.Concurrent.ConcurrentQueue<CheckInUpdate>();
        hostHub.On<CheckInUpdate>(CheckInHub.UpdateMethod, heard.Enqueue);
        otherHub.On<CheckInUpdate>(CheckInHub.UpdateMethod, strangerHeard.Enqueue);
        await hostHub.StartAsync();
        await otherHub.StartAsync();
        Assert.Null(await otherHub.InvokeAsync<CheckInCounts?>(nameof(CheckInHub.Watch), party.Id));
        Assert.Equal(new CheckInCounts(2, 0, 0, 0), await hostHub.InvokeAsync<CheckInCounts?>(nameof(CheckInHub.Watch), party.Id));

        await OkAsync<CheckInAnswer>(await CheckInAsync(host, party.Id, ana.Id));
        var update = await NextAsync(heard);
        Assert.Equal(new CheckInCounts(2, 2, 0, 0), update.Counts);
        Assert.Equal(ana.Id, update.Changed!.Id);
        await OkAsync<CheckInAnswer>(await WalkInAsync(host, party.Id, new { name = "Walter Walk" }), HttpStatusCode.Created);
        Assert.Equal(new CheckInCounts(2, 2, 1, 0), (await NextAsync(heard)).Counts);
        await OkAsync<CheckInAnswer>(await host.DeleteAsync($"/api/events/{party.Id}/attendees/{ana.Id}/checkin"));
        Assert.Equal(new CheckInCounts(2, 0, 1, 0), (await NextAsync(heard)).Counts);
        await Task.Delay(300);
        Assert.Empty(strangerHeard);

        // Without signing in there is no hub at all.
        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(app.Server.BaseAddress, CheckInHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
        }).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task A_removed_cohost_stops_hearing_on_a_connection_opened_before()
    {
        var (hostMember, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Torres");
        var (cohost, cohostClient) = await app.MemberAsync("Co Host");
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.EventCohosts.Add(new EventCohost { EventId = party.Id, MemberId = cohost.Id, InvitedById = hostMember.Id, InvitedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await using var hostHub = Hub(host);
        await using var cohostHub = Hub(cohostClient);
        var heard = new System.Collections.Concurrent.ConcurrentQueue<CheckInUpdate>();
        var cohostHeard = new System.Collections.Concurrent.ConcurrentQueue<CheckInUpdate>();
        hostHub.On<CheckInUpdate>(CheckInHub.UpdateMethod, heard.Enqueue);
        cohostHub.On<CheckInUpdate>(CheckInHub.UpdateMethod, cohostHeard.Enqueue);
        await hostHub.StartAsync();
        await cohostHub.StartAsync();
        Assert.NotNull(await hostHub.InvokeAsync<CheckInCounts?>(nameof(CheckInHub.Watch), party.Id));
        Assert.NotNull(await cohostHub.InvokeAsync<CheckInCounts?>(nameof(CheckInHub.Watch), party.Id));
        await OkAsync<CheckInAnswer>(await CheckInAsync(host, party.Id, ana.Id));
        await NextAsync(heard);
        await NextAsync(cohostHeard);

        Assert.Equal(HttpStatusCode.NoContent, (await host.DeleteAsync($"/api/events/{party.Id}/cohosts/{cohost.Id}")).StatusCode);
        await OkAsync<CheckInAnswer>(await WalkInAsync(host, party.Id, new { name = "Secret Sam" }), HttpStatusCode.Created);
        Assert.Equal("Secret Sam", (await NextAsync(heard)).Changed!.Name);
        await Task.Delay(300);
        Assert.Empty(cohostHeard);
    }

    private static async Task<CheckInUpdate> NextAsync(System.Collections.Concurrent.ConcurrentQueue<CheckInUpdate> heard)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        CheckInUpdate? update;
        while (!heard.TryDequeue(out update))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No count was pushed to the host's page.");
            await Task.Delay(20);
        }
        return update;
    }

    [Fact]
    public async Task The_list_finds_names_whatever_the_case_and_accents_and_pages()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host, capacity: 2, guests: 0);
        await RsvpAsync(party.Id, "José Núñez");
        await RsvpAsync(party.Id, "jose smith");
        var wes = await RsvpAsync(party.Id, "Wes Ñandú"); // waitlisted
        var jose = await OkAsync<AttendeeList>(await host.GetAsync($"/api/events/{party.Id}/attendees?q=JOSE"));
        Assert.Equal(["José Núñez", "jose smith"], jose.Attendees.Items.Select(a => a.Name));
        Assert.Equal("José Núñez", Assert.Single((await OkAsync<AttendeeList>(await host.GetAsync($"/api/events/{party.Id}/attendees?q=nunez jos"))).Attendees.Items).Name);
        var waitlist = await OkAsync<AttendeeList>(await host.GetAsync($"/api/events/{party.Id}/attendees?status=waitlisted&q=nandu"));
        Assert.Equal(wes.Id, Assert.Single(waitlist.Attendees.Items).Id);
        var paged = await OkAsync<AttendeeList>(await host.GetAsync($"/api/events/{party.Id}/attendees?pageSize=2&page=2"));
        Assert.Equal((3, 2), (paged.Attendees.Total, paged.Attendees.PageNumber));
        Assert.Equal("Wes Ñandú", Assert.Single(paged.Attendees.Items).Name);
        Assert.Contains("status", (await ProblemAssert.IsProblemAsync(await host.GetAsync($"/api/events/{party.Id}/attendees?status=bogus"), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("q", (await ProblemAssert.IsProblemAsync(await host.GetAsync($"/api/events/{party.Id}/attendees?q={new string('a', 101)}"), HttpStatusCode.BadRequest)).Keys);
    }

    [Fact]
    public async Task Bad_input_and_closed_doors_are_clear_errors_and_change_nothing()
    {
        var (_, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Torres");
        var bad = await ProblemAssert.IsProblemAsync(await WalkInAsync(host, party.Id, new { name = " ", email = "nope", guests = 99 }), HttpStatusCode.BadRequest);
        Assert.Equal(["email", "guests", "name"], bad.Keys.Order(StringComparer.Ordinal));
        await ProblemAssert.IsProblemAsync(await WalkInAsync(host, party.Id, new { name = "Ana again" }, new string('k', 101)), HttpStatusCode.BadRequest);

        // Before the event started there is no turnout to report.
        var early = await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{party.Id}/report", new { turnout = 5 }), HttpStatusCode.BadRequest);
        Assert.Contains("not started", early["eventId"][0]);

        // The door opens an hour before the start…
        await MoveAsync(party.Id, DateTimeOffset.UtcNow.AddHours(3), TimeSpan.FromHours(2));
        var tooEarly = await ProblemAssert.IsProblemAsync(await CheckInAsync(host, party.Id, ana.Id), HttpStatusCode.BadRequest);
        Assert.Contains("an hour before", tooEarly["eventId"][0]);
        await ProblemAssert.IsProblemAsync(await WalkInAsync(host, party.Id, new { name = "Early Bird" }), HttpStatusCode.BadRequest);
        // …and closes six hours after the end.
        await MoveAsync(party.Id, DateTimeOffset.UtcNow.AddHours(-10), TimeSpan.FromHours(3));
        await ProblemAssert.IsProblemAsync(await CheckInAsync(host, party.Id, ana.Id), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"/api/events/{party.Id}/attendees/{ana.Id}/checkin"), HttpStatusCode.BadRequest);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AnyAsync(r => r.EventId == party.Id && (r.WalkIn || r.CheckedInAt != null))));

        // After it: bad numbers and scripts are refused, then the report is kept (the door's count when no number is given).
        foreach (var turnout in new[] { -1, 1_000_001 })
            Assert.Contains("turnout", (await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{party.Id}/report", new { turnout }), HttpStatusCode.BadRequest)).Keys);
        Assert.Contains("followUp", (await ProblemAssert.IsProblemAsync(await host.PostAsJsonAsync($"/api/events/{party.Id}/report", new { followUp = "<script>alert(1)</script>" }), HttpStatusCode.BadRequest)).Keys);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"/api/events/{party.Id}/report", JsonContent.Create(new { turnout = "many" })), HttpStatusCode.BadRequest);
        Assert.Null((await StoredAsync(party.Id)).ReportedAt);
        var report = await OkAsync<TurnoutView>(await host.PostAsJsonAsync($"/api/events/{party.Id}/report", new { followUp = "Call the **new volunteers** by Friday." }));
        Assert.Equal(0, report.Turnout); // nobody was checked in
        Assert.Contains("<strong>new volunteers</strong>", report.FollowUpHtml);
        report = await OkAsync<TurnoutView>(await host.PostAsJsonAsync($"/api/events/{party.Id}/report", new { turnout = 14, followUp = "" }));
        var stored = await StoredAsync(party.Id);
        Assert.Equal((14, (string?)null), (stored.Turnout, stored.FollowUp));
        Assert.NotNull(stored.ReportedAt);
    }
    [Fact]
    public async Task The_page_works_without_script_search_tap_undo_walk_in_and_report()
    {
        var (hostMember, host) = await app.MemberAsync();
        var party = await PartyAsync(host);
        var ana = await RsvpAsync(party.Id, "Ana Núñez", guests: 1);
        await RsvpAsync(party.Id, "Bob Brown");
        var browser = await app.BrowserAsync(hostMember);
        var url = $"/events/{party.Slug}/checkin";
        Assert.Contains($"href=\"{url}\"", await browser.GetStringAsync($"/events/{party.Slug}")); // the host's link from the event page

        var found = Forms.Text(await browser.GetStringAsync(url + "?q=NUNEZ"));
        Assert.Contains("Ana Núñez", found);
        Assert.DoesNotContain("Bob Brown", found);
        Assert.Contains("1 name found", found);

        var tap = await Forms.SubmitAsync(browser, url, new Dictionary<string, string>(), $"{url}?handler=CheckIn&rsvpId={ana.Id}&q=nunez");
        Assert.Equal(HttpStatusCode.Redirect, tap.StatusCode);
        Assert.Equal(url + "?q=nunez", tap.Headers.Location!.OriginalString); // back to the same search
        var after = Forms.Text(await browser.GetStringAsync(tap.Headers.Location!.OriginalString));
        Assert.Contains("Ana Núñez is checked in.", after);
        Assert.Matches("data-count=\"arrived\">2<", after);
        var undo = await Forms.SubmitAsync(browser, url, new Dictionary<string, string>(), $"{url}?handler=Undo&rsvpId={ana.Id}");
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        Assert.Null((await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().SingleAsync(r => r.Id == ana.Id))).CheckedInAt);

        // A walk-in: the form's key makes a double tap one person; a missing name is said at the field.
        var page = await browser.GetStringAsync(url);
        var key = System.Text.RegularExpressions.Regex.Match(page, "name=\"WalkIn.Key\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(key);
        var fields = new Dictionary<string, string> { ["WalkIn.Name"] = "Walt Whitman", ["WalkIn.Email"] = "", ["WalkIn.Guests"] = "2", ["WalkIn.Key"] = key };
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, url, fields, url + "?handler=WalkIn")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, url, fields, url + "?handler=WalkIn")).StatusCode);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.CountAsync(r => r.EventId == party.Id && r.WalkIn)));
        Assert.Matches("data-count=\"walkIns\">3<", await browser.GetStringAsync(url));
        var missing = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["WalkIn.Name"] = "", ["WalkIn.Guests"] = "x", ["WalkIn.Key"] = "k2" }, url + "?handler=WalkIn");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Enter a number here.", Forms.Text(await missing.Content.ReadAsStringAsync()));
        missing = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["WalkIn.Name"] = " ", ["WalkIn.Key"] = "k3" }, url + "?handler=WalkIn");
        Assert.Contains("Give the person's name.", Forms.Text(await missing.Content.ReadAsStringAsync()));

        // The report form appears once the event has started.
        Assert.DoesNotContain("Turnout.Turnout", await browser.GetStringAsync(url));
        await MoveAsync(party.Id, DateTimeOffset.UtcNow.AddMinutes(-30), TimeSpan.FromHours(3));
        var report = await browser.GetStringAsync(url);
        Assert.Contains("name=\"Turnout.Turnout\" value=\"3\"", report); // defaulted from the door's count
        var negative = await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["Turnout.Turnout"] = "-4" }, url + "?handler=Report");
        Assert.Contains("between 0 and", Forms.Text(await negative.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, url, new Dictionary<string, string> { ["Turnout.Turnout"] = "12", ["Turnout.FollowUp"] = "Thank the **cooks**." }, url + "?handler=Report")).StatusCode);
        Assert.Contains("<strong>cooks</strong>", await browser.GetStringAsync(url));

        // Someone who does not host it is turned away, and Spanish reads.
        var stranger = await app.BrowserAsync();
        var refused = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/error/403", refused.Headers.Location!.OriginalString);
        Assert.Contains("Registro de llegadas", Forms.Text(await browser.GetStringAsync(url + "?culture=es")));
    }
}

public sealed class CheckInTests_Sqlite(SqliteApp app) : CheckInTests(app), IClassFixture<SqliteApp>;
public sealed class CheckInTests_Postgres(PostgresApp app) : CheckInTests(app), IClassFixture<PostgresApp>;
