using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Events;

/// <summary>
/// The door in real Chromium: a host opens check-in on a phone (390×844) and on a laptop; a guest's RSVP is
/// found by typing part of the name without its accent and checked in with one tap; the laptop's count moves
/// without a reload (SignalR), and so does a walk-in. Both copies are accessible in English and Spanish.
/// </summary>
public sealed class CheckInTests : BrowserTest
{
    [Fact]
    public async Task A_host_checks_a_guest_in_on_a_phone_and_a_second_open_page_sees_the_count_change_live()
    {
        var setup = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(setup, App, "Ana Torres", "ana@example.org", "19107");

        // A house party that starts in half an hour (the door opens an hour before the start).
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(30), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await setup.GotoAsync(App.BaseUrl + "/events/new");
        await setup.GetByLabel("Title").FillAsync("Door-knocking kickoff");
        await setup.GetByLabel("Starts").FillAsync(start.ToString("yyyy-MM-ddTHH:mm"));
        await setup.GetByLabel("Ends").FillAsync(start.AddHours(3).ToString("yyyy-MM-ddTHH:mm"));
        await setup.GetByLabel("Street address").FillAsync("1234 N Front St");
        await setup.GetByLabel("ZIP code").FillAsync("19125");
        await setup.GetByLabel("Capacity").FillAsync("25");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "Door-knocking kickoff" })).ToBeVisibleAsync();
        var eventUrl = setup.Url;

        // A guest RSVPs, no account.
        var guest = await Journeys.NewPageAsync(Chromium);
        await guest.GotoAsync(eventUrl);
        await guest.GetByLabel("Your name").FillAsync("José Núñez");
        await guest.GetByLabel("Email").FillAsync("jose@example.org");
        await guest.GetByRole(AriaRole.Button, new() { Name = "I'll be there" }).ClickAsync();
        await Assertions.Expect(guest.GetByText("Check your email")).ToBeVisibleAsync();

        // The host's two open copies of the check-in page: a phone at the door, a laptop at the table.
        await setup.GetByRole(AriaRole.Link, new() { Name = "Check-in" }).ClickAsync();
        var checkInUrl = setup.Url;
        var cookies = await setup.Context.CookiesAsync();
        var consoleErrors = new List<string>();
        var phoneContext = await Chromium.NewContextAsync(390, 844, "en", App.BaseUrl, consoleErrors);
        await phoneContext.AddCookiesAsync(cookies.Where(c => c.Name != ".AspNetCore.Culture").Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = App.BaseUrl }));
        var phone = await phoneContext.NewPageAsync();
        var laptopContext = await Chromium.NewContextAsync(1280, 900, "en", App.BaseUrl, consoleErrors);
        await laptopContext.AddCookiesAsync(cookies.Where(c => c.Name != ".AspNetCore.Culture").Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = App.BaseUrl }));
        var laptop = await laptopContext.NewPageAsync();
        foreach (var page in new[] { phone, laptop })
        {
            await page.GotoAsync(checkInUrl);
            await Assertions.Expect(page.Locator("[data-checkin]")).ToHaveAttributeAsync("data-live", "on"); // joined the live count
            await Assertions.Expect(page.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("0");
        }
        await Browser.ShotAsync(laptop, "events/checkin-desktop-before");

        // On the phone: type part of the name, no accent; the list filters without a reload; one tap.
        await phone.GetByLabel("Find a name").FillAsync("nunez");
        await Assertions.Expect(phone.Locator("#attendees h2")).ToHaveTextAsync("1 name found");
        Assert.Contains("q=nunez", phone.Url);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Check in José Núñez" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#door-status")).ToContainTextAsync("José Núñez is checked in.");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Undo check-in of José Núñez" })).ToBeFocusedAsync();
        await Assertions.Expect(phone.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("1");
        await Browser.ShotAsync(phone, "events/checkin-phone");

        // The laptop was not reloaded: the count and José's row changed by themselves.
        await Assertions.Expect(laptop.Locator("#counts [data-count='arrived']")).ToHaveTextAsync("1");
        await Assertions.Expect(laptop.Locator("#counts [data-count='here']")).ToHaveTextAsync("1");
        await Assertions.Expect(laptop.GetByRole(AriaRole.Button, new() { Name = "Undo check-in of José Núñez" })).ToBeVisibleAsync();
        Assert.Equal(checkInUrl, laptop.Url);

        // A walk-in added on the phone (a plain form post) reaches the laptop too.
        await phone.GetByLabel("Name", new() { Exact = true }).FillAsync("Walt Whitman");
        await phone.GetByLabel("Guests with them").FillAsync("1");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add and check in" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#door-status")).ToContainTextAsync("Walt Whitman");
        await Assertions.Expect(laptop.Locator("#counts [data-count='walkIns']")).ToHaveTextAsync("2");
        await Assertions.Expect(laptop.Locator("#counts [data-count='here']")).ToHaveTextAsync("3");

        var problems = new List<string>();
        foreach (var v in await Browser.AxeViolationsAsync(phone)) problems.Add("phone: " + v);
        foreach (var v in await Browser.AxeViolationsAsync(laptop)) problems.Add("laptop: " + v);
        await laptop.ReloadAsync();
        await Browser.ShotAsync(laptop, "events/checkin-desktop");
        foreach (var (page, device) in new[] { (phone, "phone"), (laptop, "desktop") })
        {
            await page.GotoAsync(App.BaseUrl + "/language?culture=es&returnUrl=" + Uri.EscapeDataString(new Uri(checkInUrl).PathAndQuery));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registro de llegadas" })).ToBeVisibleAsync();
            foreach (var v in await Browser.AxeViolationsAsync(page)) problems.Add($"es/{device}: " + v);
            var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (dims[0] > dims[1]) problems.Add($"es/{device}: scrolls sideways ({dims[0]} > {dims[1]})");
            await Browser.ShotAsync(page, $"events/checkin-es-{device}");
        }
        problems.AddRange(consoleErrors.Select(e => "console: " + e));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
