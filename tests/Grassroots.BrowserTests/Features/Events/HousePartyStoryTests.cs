using System.Text.RegularExpressions;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;

namespace Grassroots.BrowserTests.Features.Events;

/// <summary>
/// Issue 14's story, through the pages only: a host starts a house-party campaign and hosts one from its
/// template; a signed-out supporter finds it by ZIP on the map, RSVPs as a guest and gets the confirmation with
/// its invite.ics at the SMTP server; the host checks them in on a phone, and the host's other open browser sees
/// the count move without a reload. Each page is checked with axe, for sideways scrolling at phone width, and
/// shot (events-story-*.png), in English and in Spanish.
/// </summary>
public sealed partial class HousePartyStoryTests : BrowserTest
{
    private const string Title = "Lincoln Park house party";
    private const string Street = "2430 N Lincoln Ave";
    private const string Guest = "Maya Okafor";
    private const string GuestEmail = "maya@example.org";

    [Fact]
    public async Task A_host_hosts_a_house_party_in_a_campaign_a_guest_finds_it_on_the_map_and_RSVPs_and_is_checked_in_live()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "events-story-" + shot, problems);

        // 1. The host, a member on a laptop, starts a house-party weekend (any member may) and hosts one from it.
        // The door opens an hour before the start, so the party starts within the hour: the check-in below is today.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(45), zone);
        start = start.AddSeconds(-start.Second).AddMilliseconds(-start.Millisecond);
        var hostContext = await Chromium.NewContextAsync(errors: consoleErrors);
        var host = await hostContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(host, App, "Rosa Delgado", "rosa@example.org", "60614");
        await host.GotoAsync(App.BaseUrl + "/campaigns/new");
        await host.Locator("input[name='Input.Title']").FillAsync("House party weekend");
        await host.Locator("input[name='Input.FirstDay']").FillAsync(start.AddDays(-1).ToString("yyyy-MM-dd"));
        await host.Locator("input[name='Input.LastDay']").FillAsync(start.AddDays(2).ToString("yyyy-MM-dd"));
        await host.GetByLabel("Kind of event").SelectOptionAsync("HouseParty");
        await host.GetByLabel("Event title").FillAsync(Title);
        await host.GetByLabel("Event description").FillAsync("Food, friends, and a plan for the **primary**.");
        await host.GetByLabel("Capacity").FillAsync("12");
        await host.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Name = "House party weekend" })).ToBeVisibleAsync();
        var campaignUrl = host.Url;

        await host.GetByRole(AriaRole.Button, new() { Name = "Host an event for this campaign" }).ClickAsync();
        await Assertions.Expect(host.GetByText("Part of «House party weekend»")).ToBeVisibleAsync();
        // The template filled the form in; the host adds the when and where, and a larger capacity.
        await Assertions.Expect(host.GetByLabel("Title")).ToHaveValueAsync(Title);
        await Assertions.Expect(host.GetByLabel("Kind of event")).ToHaveValueAsync("HouseParty");
        await Assertions.Expect(host.GetByLabel("Capacity")).ToHaveValueAsync("12");
        await host.GetByLabel("Starts", new() { Exact = true }).FillAsync(start.ToString("yyyy-MM-ddTHH:mm"));
        await host.GetByLabel("Ends", new() { Exact = true }).FillAsync(start.AddHours(3).ToString("yyyy-MM-ddTHH:mm"));
        await host.GetByLabel("Time zone").SelectOptionAsync("America/Chicago");
        await host.GetByLabel("Street address").FillAsync(Street);
        await host.GetByLabel("ZIP code").FillAsync("60614");
        await host.GetByLabel("Capacity").FillAsync("20");
        await host.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Link, new() { Name = "House party weekend" })).ToBeVisibleAsync();
        var eventUrl = host.Url;

        // 2. A supporter, signed out, on a laptop: /events, by ZIP; the party is on the map; its popup leads to it.
        var supporterContext = await Chromium.NewContextAsync(errors: consoleErrors);
        var supporter = await supporterContext.NewPageAsync();
        await supporter.GotoAsync(App.BaseUrl + "/events");
        await supporter.GetByLabel("Near ZIP code").FillAsync("60622");
        await supporter.GetByLabel("Within").SelectOptionAsync("10");
        await supporter.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(supporter.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 event found");
        await Assertions.Expect(supporter.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        var marker = supporter.Locator($".events-map .leaflet-marker-icon[title='{Title}']");
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await CheckAsync(supporter, "map-desktop");
        await marker.ClickAsync();
        var popupLink = supporter.Locator(".leaflet-popup-content a");
        await Assertions.Expect(popupLink).ToHaveTextAsync(Title);
        // A pan to see around it (the map's arrow keys) loads that view's events: the open popup stays open.
        var reloaded = supporter.WaitForResponseAsync(r => r.Url.Contains("/api/events/map"));
        await supporter.Locator(".events-map").FocusAsync();
        await supporter.Keyboard.PressAsync("ArrowLeft");
        await reloaded;
        await supporter.WaitForTimeoutAsync(300); // the answer drawn (or not) in its turn
        await Assertions.Expect(popupLink).ToHaveTextAsync(Title);
        await popupLink.ClickAsync();
        await Assertions.Expect(supporter.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();
        Assert.Equal(eventUrl, supporter.Url);
        await Assertions.Expect(supporter.GetByText(Street)).ToHaveCountAsync(0); // the address is for people coming
        await CheckAsync(supporter, "event-desktop");

        // The same on a 360 px phone: the map with its marker, then the list's entry.
        var phoneSupporter = await (await Chromium.NewContextAsync(360, 780, errors: consoleErrors, phone: true)).NewPageAsync();
        await phoneSupporter.GotoAsync(App.BaseUrl + "/events?zip=60622&miles=10");
        await Assertions.Expect(phoneSupporter.Locator($".events-map .leaflet-marker-icon[title='{Title}']")).ToBeVisibleAsync();
        await CheckAsync(phoneSupporter, "map-phone");
        await phoneSupporter.GetByRole(AriaRole.Link, new() { Name = Title }).TapAsync();
        await Assertions.Expect(phoneSupporter.GetByRole(AriaRole.Heading, new() { Name = Title })).ToBeVisibleAsync();
        await CheckAsync(phoneSupporter, "event-phone");

        // The RSVP, as a guest (name, email, ZIP): the page says to check the inbox.
        await supporter.GetByLabel("Your name").FillAsync(Guest);
        await supporter.GetByLabel("Email").FillAsync(GuestEmail);
        await supporter.Locator("input[name='Rsvp.Zip']").FillAsync("60622");
        await supporter.GetByRole(AriaRole.Button, new() { Name = "I'll be there" }).ClickAsync();
        await Assertions.Expect(supporter.GetByText($"Check your email: we sent your RSVP to {GuestEmail}")).ToBeVisibleAsync();
        await Browser.ShotAsync(supporter, "events-story-event-rsvped-desktop");

        // 3. The confirmation at the SMTP server: what, when, where (the street, now), the cancel link, invite.ics.
        var mail = await App.Smtp.WaitForAsync(GuestEmail);
        Assert.Equal($"You're going: {Title}", mail.Subject);
        var text = mail.TextBody ?? "";
        Assert.Contains($"Hello {Guest},", text);
        Assert.Contains($"You're going to {Title}.", text);
        Assert.Contains(Street, text);
        Assert.Contains($"Event page: {eventUrl}", text);
        var cancel = CancelLink().Match(text);
        Assert.True(cancel.Success, "No cancel link in the confirmation:\n" + text);
        var eventId = cancel.Groups["event"].Value;
        var ics = mail.Attachments.OfType<MimePart>().SingleOrDefault(a => a.FileName == "invite.ics")
            ?? throw new Xunit.Sdk.XunitException("No invite.ics attached; parts: " + string.Join(", ", mail.BodyParts.Select(p => p.ContentType.MimeType)));
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        Assert.NotNull(ics.Content);
        using var icsBytes = new MemoryStream();
        await ics.Content.DecodeToAsync(icsBytes);
        var calendar = System.Text.Encoding.UTF8.GetString(icsBytes.ToArray()).Replace("\r\n ", ""); // unfolded
        Assert.Contains("BEGIN:VEVENT", calendar);
        Assert.Contains($"UID:{eventId}@grassroots", calendar);
        Assert.Contains($"SUMMARY:{Title}", calendar);
        Assert.Contains($"DTSTART:{start.UtcDateTime:yyyyMMdd'T'HHmm}00Z", calendar);
        Assert.Contains(Street, calendar); // the guest has a seat: the calendar has the street too
        // The link opens the cancel page without signing in (and is not followed: the guest is coming).
        var linkPage = await (await Chromium.NewContextAsync(errors: consoleErrors)).NewPageAsync();
        await linkPage.GotoAsync(cancel.Value);
        await Assertions.Expect(linkPage.GetByText($"Cancel your RSVP to {Title}?")).ToBeVisibleAsync();
        await linkPage.Context.CloseAsync();

        // The campaign's page adds it up.
        await host.GotoAsync(campaignUrl);
        await Assertions.Expect(host.Locator("ul.totals")).ToContainTextAsync("1 event");
        await Assertions.Expect(host.Locator("ul.totals")).ToContainTextAsync("1 person going");

        // 4. Check-in. The host's laptop stays on the check-in page; the host signs in on a phone at the door.
        await host.GotoAsync(eventUrl);
        await host.GetByRole(AriaRole.Link, new() { Name = "Check-in" }).ClickAsync();
        var checkInUrl = host.Url;
        await Assertions.Expect(host.Locator("[data-checkin]")).ToHaveAttributeAsync("data-checkin", eventId);
        await Assertions.Expect(host.Locator("[data-checkin]")).ToHaveAttributeAsync("data-live", "on");
        await Assertions.Expect(host.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("0");
        await host.EvaluateAsync("() => { window.storyNotReloaded = true; }");

        var phone = await (await Chromium.NewContextAsync(390, 844, errors: consoleErrors, phone: true)).NewPageAsync();
        await Journeys.SignInAsync(phone, App, "rosa@example.org", Journeys.Password);
        await phone.GotoAsync(checkInUrl);
        await Assertions.Expect(phone.Locator("[data-checkin]")).ToHaveAttributeAsync("data-live", "on");
        await phone.GetByLabel("Find a name").FillAsync("okafor");
        await Assertions.Expect(phone.Locator("#attendees h2")).ToHaveTextAsync("1 name found");
        await phone.GetByRole(AriaRole.Button, new() { Name = $"Check in {Guest}" }).TapAsync();
        await Assertions.Expect(phone.Locator("#door-status")).ToContainTextAsync($"{Guest} is checked in.");
        await Assertions.Expect(phone.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("1");
        await CheckAsync(phone, "checkin-phone");

        // The laptop's page moved by itself: the count and the guest's row, and it was never reloaded.
        await Assertions.Expect(host.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("1");
        await Assertions.Expect(host.Locator("#counts [data-count='here']")).ToHaveTextAsync("1");
        await Assertions.Expect(host.GetByRole(AriaRole.Button, new() { Name = $"Undo check-in of {Guest}" })).ToBeVisibleAsync();
        // With the time of arrival, as the phone's page (rendered by the server) shows it: "arrived 2:47 AM".
        var arrivedOnPhone = Spaces().Replace(await phone.Locator("[data-rsvp] .when-in").InnerTextAsync(), " ");
        Assert.Matches(@"^arrived \d{1,2}:\d{2} [AP]M$", arrivedOnPhone);
        Assert.Equal(arrivedOnPhone, Spaces().Replace(await host.Locator("[data-rsvp] .when-in").InnerTextAsync(), " "));
        Assert.True(await host.EvaluateAsync<bool>("() => window.storyNotReloaded === true"), "The laptop's check-in page was reloaded.");
        Assert.Equal(checkInUrl, host.Url);
        await Browser.ShotAsync(host, "events-story-checkin-desktop");

        // 5. In Spanish: the map and the event on a 360 px phone, and the door.
        var spanish = await (await Chromium.NewContextAsync(360, 780, "es", App.BaseUrl, consoleErrors, phone: true)).NewPageAsync();
        await spanish.GotoAsync(App.BaseUrl + "/events?zip=60622&miles=10");
        await Assertions.Expect(spanish.GetByRole(AriaRole.Heading, new() { Name = "Buscar eventos" })).ToBeVisibleAsync();
        await Assertions.Expect(spanish.Locator($".events-map .leaflet-marker-icon[title='{Title}']")).ToBeVisibleAsync();
        await CheckAsync(spanish, "es-map-phone");
        await spanish.GotoAsync(eventUrl);
        await Assertions.Expect(spanish.GetByRole(AriaRole.Button, new() { Name = "Ahí estaré" })).ToBeVisibleAsync();
        await CheckAsync(spanish, "es-event-phone");
        await phone.GotoAsync(App.BaseUrl + "/language?culture=es&returnUrl=" + Uri.EscapeDataString(new Uri(checkInUrl).PathAndQuery));
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Registro de llegadas" })).ToBeVisibleAsync();
        await phone.SetViewportSizeAsync(360, 780);
        await CheckAsync(phone, "es-checkin-phone");

        problems.AddRange(consoleErrors.Select(e => "console: " + e));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"https?://\S+/events/(?<event>[0-9a-f-]{36})/rsvps/[0-9a-f-]{36}/cancel\?token=\S+")]
    private static partial Regex CancelLink();
}
