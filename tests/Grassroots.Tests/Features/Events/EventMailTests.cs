using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Calendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Events;

/// <summary>What people with an RSVP receive, and the calendars that stay right when the event changes.</summary>
public abstract class EventMailTests(AppFactory app)
{
    private static readonly DateTime NextYear = new(DateTime.UtcNow.Year + 1, 6, 4, 19, 0, 0);

    private static object Party(int? capacity = 10, string title = "House party for the platform", Guid? campaignId = null, DateTime? start = null) => new
    {
        kind = "HouseParty", title, description = "Bring a dish.", startsAt = start ?? NextYear, endsAt = (start ?? NextYear).AddHours(3),
        timeZone = "America/Chicago", zip = "60615", address = "5700 S Dorchester Ave", capacity, waitlist = true, campaignId,
    };

    private static async Task<EventView> CreateAsync(HttpClient host, object input)
    {
        var response = await host.PostAsJsonAsync("/api/events", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<EventView>())!;
    }

    private static async Task GuestRsvpAsync(HttpClient client, Guid eventId, string email, string name = "Ana Guest")
    {
        var response = await client.PostAsJsonAsync($"/api/events/{eventId}/rsvps", new { name, email });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string Email() => $"g{Guid.NewGuid():N}@example.org";

    private static Calendar Ics(MimeMessage mail)
    {
        var part = mail.Attachments.OfType<MimePart>().Single(a => a.FileName == "invite.ics");
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
    }

    [Fact]
    public async Task A_guest_gets_a_confirmation_with_the_address_an_ics_and_a_cancel_link_that_works()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var email = Email();
        await GuestRsvpAsync(app.CreateClient(), e.Id, email);

        var mail = await app.Smtp.WaitForAsync(email);
        Assert.Contains("House party for the platform", mail.Subject ?? "");
        Assert.Contains("5700 S Dorchester Ave", mail.TextBody);
        var ics = Ics(mail);
        var vevent = Assert.Single(ics.Events);
        Assert.Equal($"{e.Id}@grassroots", vevent.Uid);
        Assert.Equal(0, vevent.Sequence);
        Assert.Equal(e.StartsAt.UtcDateTime, vevent.DtStart!.AsUtc);
        Assert.Contains("5700 S Dorchester Ave", vevent.Location);

        // The link in the mail cancels without signing in (GET asks, POST cancels).
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/cancel\?token=\S+").Value).PathAndQuery;
        var browser = await app.BrowserAsync();
        var response = await Forms.SubmitAsync(browser, link, new Dictionary<string, string>());
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)response.StatusCode}");
        var status = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.Where(r => r.EventId == e.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(RsvpStatus.Cancelled, status);
    }

    [Fact]
    public async Task The_waitlisted_hear_they_wait_without_the_address_and_hear_again_with_an_ics_when_a_place_opens()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party(capacity: 1));
        var (first, second) = (Email(), Email());
        await GuestRsvpAsync(app.CreateClient(), e.Id, first);
        await GuestRsvpAsync(app.CreateClient(), e.Id, second);
        var confirmation = await app.Smtp.WaitForAsync(first);
        var waiting = await app.Smtp.WaitForAsync(second);
        Assert.Contains("waitlist", waiting.Subject ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("5700 S Dorchester Ave", waiting.TextBody);
        Assert.Empty(waiting.Attachments);

        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody ?? "", @"https?://\S+/cancel\?token=\S+").Value;
        var cancel = await app.CreateClient().PostAsync(new Uri(link).PathAndQuery.Replace("/events/", "/api/events/"), null);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var promoted = await app.Smtp.WaitForAsync(second, m => (m.Subject ?? "").Contains("opened up"));
        Assert.Contains("5700 S Dorchester Ave", promoted.TextBody);
        Assert.Single(Ics(promoted).Events);
    }

    [Fact]
    public async Task The_reminder_goes_once_to_people_with_a_place_a_day_before()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var (going, late) = (Email(), Email());
        await GuestRsvpAsync(app.CreateClient(), e.Id, going);
        await app.Smtp.WaitForAsync(going);
        // The event now starts in 20 hours; "going" RSVPed long ago, "late" inside the last day (its confirmation says it all).
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.Where(x => x.Id == e.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(20)).SetProperty(x => x.EndsAt, DateTimeOffset.UtcNow.AddHours(22))));
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.Where(r => r.EventId == e.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddDays(-3))));
        await GuestRsvpAsync(app.CreateClient(), e.Id, late);

        var rounds = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.WithScopeAsync(sp => sp.GetRequiredService<Reminding>().RemindAsync(default))));
        Assert.Equal(1, rounds.Sum());
        var reminder = await app.Smtp.WaitForAsync(going, m => (m.Subject ?? "").StartsWith("Reminder"));
        Assert.Contains("5700 S Dorchester Ave", reminder.TextBody);
        await app.Smtp.WaitForAsync(late);
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == late) && (m.Subject ?? "").StartsWith("Reminder"));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == going) && (m.Subject ?? "").StartsWith("Reminder"));
    }

    [Fact]
    public async Task A_change_mails_an_ics_with_a_higher_sequence_and_a_cancellation_one_that_cancels()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var email = Email();
        await GuestRsvpAsync(app.CreateClient(), e.Id, email);
        await app.Smtp.WaitForAsync(email);

        var moved = await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(start: NextYear.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var changed = await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Changed"));
        var v = Assert.Single(Ics(changed).Events);
        Assert.Equal(1, v.Sequence);
        Assert.Equal(e.StartsAt.AddHours(1).UtcDateTime, v.DtStart!.AsUtc);

        Assert.Equal(HttpStatusCode.NoContent, (await host.PostAsync($"/api/events/{e.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.PostAsync($"/api/events/{e.Id}/cancel", null)).StatusCode);
        var cancelled = await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Cancelled"));
        var c = Assert.Single(Ics(cancelled).Events);
        Assert.Equal("CANCELLED", c.Status);
        Assert.Equal(2, c.Sequence);
        await Task.Delay(300);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").StartsWith("Cancelled"));
        // A cancelled event takes no RSVPs and no changes.
        var rsvp = await app.CreateClient().PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { name = "Late", email = Email() });
        await ProblemAssert.IsProblemAsync(rsvp, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await host.PutAsJsonAsync($"/api/events/{e.Id}", Party()), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Capacity_never_drops_below_the_places_given_and_raising_it_lets_the_waitlist_in()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party(capacity: 2));
        var emails = Enumerable.Range(0, 4).Select(_ => Email()).ToList();
        foreach (var email in emails) await GuestRsvpAsync(app.CreateClient(), e.Id, email);

        var lower = await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(capacity: 1));
        Assert.Contains("capacity", (await ProblemAssert.IsProblemAsync(lower, HttpStatusCode.BadRequest)).Keys, StringComparer.OrdinalIgnoreCase);
        var raise = await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(capacity: 3));
        var view = (await raise.Content.ReadFromJsonAsync<EventView>())!;
        Assert.Equal((3, 1), (view.Counts.Confirmed, view.Counts.Waitlisted));
        await app.Smtp.WaitForAsync(emails[2], m => (m.Subject ?? "").Contains("opened up"));
        var statuses = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.Where(r => r.EventId == e.Id)
            .OrderBy(r => r.CreatedAt).Select(r => r.Status).ToListAsync());
        Assert.Equal([RsvpStatus.Confirmed, RsvpStatus.Confirmed, RsvpStatus.Confirmed, RsvpStatus.Waitlisted], statuses);
    }

    [Fact]
    public async Task A_second_guest_rsvp_with_an_address_reveals_nothing_and_mails_the_owner_once()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var email = Email();
        await GuestRsvpAsync(app.CreateClient(), e.Id, email, "Ana Guest");
        await app.Smtp.WaitForAsync(email);
        // Someone else types Ana's address: the same answer a new RSVP gets, nothing stored, one mail to Ana.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.CreateClient().PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { name = "Snoop", email })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var again = await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Your RSVP"));
        Assert.Contains("wasn't you", again.TextBody);
        await Task.Delay(300);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").StartsWith("Your RSVP"));
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.Where(r => r.EventId == e.Id).Select(r => r.Name).ToListAsync());
        Assert.Equal(["Ana Guest"], rows);
    }

    [Fact]
    public async Task Only_hosts_change_or_cancel_an_event()
    {
        var (_, host) = await app.MemberAsync();
        var (_, stranger) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        await ProblemAssert.IsProblemAsync(await stranger.PutAsJsonAsync($"/api/events/{e.Id}", Party(title: "Mine now")), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/events/{e.Id}/cancel", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/events/{e.Id}/cancel", null)).StatusCode);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.SingleAsync(x => x.Id == e.Id));
        Assert.Equal(("House party for the platform", EventStatus.Scheduled, 0), (stored.Title, stored.Status, stored.Sequence));
    }

    [Fact]
    public async Task A_guest_who_joins_and_proves_the_address_finds_their_rsvps_under_the_account()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var email = Email();
        await GuestRsvpAsync(app.CreateClient(), e.Id, email);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/register", new { displayName = "Ana Guest", email, password = AppFactory.Password })).StatusCode);
        // Registered but not confirmed: nothing is claimed yet.
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AnyAsync(r => r.EventId == e.Id && r.MemberId != null)));
        var (userId, code) = LinkParts(await ConfirmationLinkAsync(app, email));
        var confirmed = await client.PostAsJsonAsync("/api/auth/confirmEmail", new { userId, code, password = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var device = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deviceToken").GetString();
        var tokens = await TokensAsync(await LoginAsync(client, email, AppFactory.Password, device));
        var mine = await WithToken(app, tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/me/events");
        var item = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(e.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("Going", item.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Feeds_list_public_events_without_addresses_and_the_private_feed_needs_its_token()
    {
        var (host, hostClient) = await app.MemberAsync();
        var campaign = await hostClient.PostAsJsonAsync("/api/campaigns", new
        {
            title = "House party weekend", firstDay = DateOnly.FromDateTime(NextYear), lastDay = DateOnly.FromDateTime(NextYear.AddDays(1)),
            kind = "HouseParty", templateTitle = "House party for the platform",
        });
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var c = (await campaign.Content.ReadFromJsonAsync<CampaignView>())!;
        var e = await CreateAsync(hostClient, Party(campaignId: c.Id));
        // Outside the campaign's days: refused, on the start field.
        var outside = await hostClient.PostAsJsonAsync("/api/events", Party(campaignId: c.Id, start: NextYear.AddDays(5)));
        Assert.Contains("startsAt", (await ProblemAssert.IsProblemAsync(outside, HttpStatusCode.BadRequest)).Keys, StringComparer.OrdinalIgnoreCase);
        await GuestRsvpAsync(app.CreateClient(), e.Id, Email());

        var totals = (await app.CreateClient().GetFromJsonAsync<CampaignView>($"/api/campaigns/{c.Slug}"))!.Totals;
        Assert.Equal(new CampaignTotals(1, 1, 0, 1), totals);

        var feed = await app.CreateClient().GetAsync($"/campaigns/{c.Slug}/events.ics");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        var v = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal($"{e.Id}@grassroots", v.Uid);
        Assert.DoesNotContain("Dorchester", text);
        Assert.Contains($"/events/{e.Slug}", text);

        var url = (await hostClient.GetFromJsonAsync<string>("/api/me/events/feed"))!;
        var mine = await app.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Dorchester", await mine.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/me/events.ics?token=forged")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/me/events.ics")).StatusCode);
        // A new security stamp (a password change, a reset) ends the old address.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == host.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Dial_in_and_pin_are_checked_and_shown_only_to_people_with_a_place()
    {
        var (_, host) = await app.MemberAsync();
        var bad = await host.PostAsJsonAsync("/api/events", new
        {
            kind = "ConferenceCall", title = "Call", startsAt = NextYear, endsAt = NextYear.AddHours(1), timeZone = "America/Chicago",
            online = true, onlineUrl = "https://meet.example.org/x", dialIn = "call me maybe", dialPin = "12ab",
        });
        var errors = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("dialIn", errors.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("dialPin", errors.Keys, StringComparer.OrdinalIgnoreCase);
        var e = await CreateAsync(host, new
        {
            kind = "ConferenceCall", title = "National call", startsAt = NextYear, endsAt = NextYear.AddHours(1), timeZone = "America/Chicago",
            online = true, onlineUrl = "https://meet.example.org/x", dialIn = "+1 (555) 010-4477", dialPin = "889911#",
        });
        var (_, member) = await app.MemberAsync();
        var before = (await member.GetFromJsonAsync<EventView>($"/api/events/{e.Id}"))!;
        Assert.Null(before.DialIn);
        Assert.Null(before.DialPin);
        Assert.Null(before.OnlineUrl);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { })).StatusCode);
        var after = (await member.GetFromJsonAsync<EventView>($"/api/events/{e.Id}"))!;
        Assert.Equal(("+1 (555) 010-4477", "889911#"), (after.DialIn, after.DialPin));
    }
    [Fact]
    public async Task Changes_mailed_to_the_people_coming_are_a_few_a_day_and_a_new_title_alone_mails_nobody()
    {
        var (_, host) = await app.MemberAsync();
        var e = await CreateAsync(host, Party());
        var email = Email();
        await GuestRsvpAsync(app.CreateClient(), e.Id, email);
        await app.Smtp.WaitForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(title: "A better title"))).StatusCode);
        for (var i = 1; i <= Hosting.MailedChangesPerDay; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(title: "A better title", start: NextYear.AddHours(i)))).StatusCode);
        }
        for (var waited = 0; Changed() < Hosting.MailedChangesPerDay && waited < 100; waited++) await Task.Delay(100);
        var refused = await ProblemAssert.IsProblemAsync(await host.PutAsJsonAsync($"/api/events/{e.Id}", Party(title: "A better title", start: NextYear.AddHours(9))), HttpStatusCode.BadRequest);
        Assert.Contains("startsAt", refused.Keys, StringComparer.OrdinalIgnoreCase);
        await Task.Delay(500);
        Assert.Equal(Hosting.MailedChangesPerDay, Changed());
        Assert.Equal(NextYear.AddHours(Hosting.MailedChangesPerDay), (await host.GetFromJsonAsync<EventView>($"/api/events/{e.Id}"))!.StartsLocal);

        int Changed() => app.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == email) && (m.Subject ?? "").StartsWith("Changed"));
    }
}

public sealed class EventMailTests_Sqlite(SqliteApp app) : EventMailTests(app), IClassFixture<SqliteApp>;
public sealed class EventMailTests_Postgres(PostgresApp app) : EventMailTests(app), IClassFixture<PostgresApp>;
