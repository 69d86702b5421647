using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Events;

/// <summary>
/// A host's house party is on the map at once: a supporter searches near their ZIP, sees it in the list and
/// as a marker on the offline basemap (no tile server, no internet), and its popup links to the event.
/// </summary>
public sealed class FindEventsTests : BrowserTest
{
    [Fact]
    public async Task A_supporter_finds_a_house_party_near_their_zip_in_the_list_and_on_the_offline_map()
    {
        var host = await NewPageAsync();
        await SignUpAndConfirmAsync(host, "Dana Host", "dana@example.org", "19125", null);
        await host.GotoAsync(App.BaseUrl + "/events/new");
        await host.GetByLabel("Title").FillAsync("Fishtown house party");
        await host.GetByLabel("Starts").FillAsync($"{DateTime.UtcNow.Year + 1}-06-04T19:00");
        await host.GetByLabel("Ends").FillAsync($"{DateTime.UtcNow.Year + 1}-06-04T22:00");
        await host.GetByLabel("Street address").FillAsync("1234 N Front St");
        await host.GetByLabel("ZIP code").FillAsync("19125");
        await host.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Fishtown house party" })).ToBeVisibleAsync();

        foreach (var (width, height, device) in new[] { (1280, 900, "desktop"), (360, 780, "phone") })
        {
            var visitor = await NewPageAsync(width, height);
            await visitor.GotoAsync(App.BaseUrl + "/events");
            await visitor.GetByLabel("Near ZIP code").FillAsync("19107");
            await visitor.GetByLabel("Within").SelectOptionAsync("50");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Fishtown house party" })).ToBeVisibleAsync();
            // The map: the offline states drawn from us-atlas, and the event's marker.
            await Expect(visitor.Locator(".events-map path.offline-state").First).ToBeAttachedAsync();
            var marker = visitor.Locator(".events-map .leaflet-marker-icon[title='Fishtown house party']");
            await Expect(marker).ToBeVisibleAsync();
            Assert.True(await visitor.Locator(".events-map path.offline-state").CountAsync() >= 49);
            Assert.Empty(await Browser.AxeViolationsAsync(visitor));
            await Browser.ShotAsync(visitor, $"events/find-map-{device}");
            await marker.ClickAsync();
            var popupLink = visitor.Locator(".leaflet-popup-content a");
            await Expect(popupLink).ToHaveTextAsync("Fishtown house party");
            await Browser.ShotAsync(visitor, $"events/find-map-popup-{device}");
            await popupLink.ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Fishtown house party" })).ToBeVisibleAsync();
        }

        // The embed, as a partner's page shows it: the map, the list, links that open a new tab.
        var partner = await NewPageAsync(800, 700);
        await partner.GotoAsync(App.BaseUrl + "/events/embed?zip=19107&miles=50");
        await Expect(partner.Locator(".events-map .leaflet-marker-icon").First).ToBeVisibleAsync();
        Assert.Equal("_blank", await partner.GetByRole(AriaRole.Link, new() { Name = "Fishtown house party" }).GetAttributeAsync("target"));
        Assert.Empty(await Browser.AxeViolationsAsync(partner));
        await Browser.ShotAsync(partner, "events/embed");
    }

    private Task<IPage> NewPageAsync(int width = 1280, int height = 900) => Journeys.NewPageAsync(Chromium, width, height);

    private Task SignUpAndConfirmAsync(IPage page, string name, string email, string zip, string? shot) =>
        Journeys.SignUpAndConfirmAsync(page, App, name, email, zip, shot);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
