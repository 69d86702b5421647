using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Fund;

/// <summary>
/// Giving, in real Chromium: a member gives $27 on a desktop, reads the receipt page and gets the receipt by email; a
/// member on a phone in Spanish has a card declined, tries another, and sees the gift among hers; the public page
/// shows the fund's totals. Each page checked with axe and for sideways scrolling, and shot.
/// </summary>
public sealed class GiveStoryTests : BrowserTest
{
    // Grace is the fund's treasurer once she confirms her address: she reads the itemized receipts and runs the allocation.
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Fund__Treasurers__0"] = "grace@example.org" };

    [Fact]
    public async Task A_member_gives_27_dollars_gets_the_receipt_and_another_retries_a_declined_card_on_her_phone_in_spanish()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "fund/" + shot, problems);

        // 1. On a desktop: $27 (the preset already chosen), the test card, an address; the receipt page says received.
        var desktopContext = await Chromium.NewContextAsync(1280, 900, "en", errors: consoleErrors);
        var desktop = await desktopContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(desktop, App, "Grace Lee", "grace@example.org", "19107");
        await desktop.GotoAsync(App.BaseUrl + "/give");
        await Assertions.Expect(desktop.GetByLabel("$27")).ToBeCheckedAsync();
        Assert.Equal("Grace Lee", await desktop.GetByLabel("Full name").InputValueAsync());
        await desktop.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await desktop.GetByLabel("Street address").FillAsync("1500 Market St");
        await desktop.GetByLabel("City").FillAsync("Philadelphia");
        await desktop.GetByLabel("State").SelectOptionAsync("PA");
        await CheckAsync(desktop, "give");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Give now" }).ClickAsync();
        await Assertions.Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Receipt" })).ToBeVisibleAsync();
        await Assertions.Expect(desktop.GetByText("Thank you! Your gift of $27 went through")).ToBeVisibleAsync();
        await Assertions.Expect(desktop.GetByText("•••• 4242")).ToBeVisibleAsync();
        await CheckAsync(desktop, "receipt");
        var mail = await App.Smtp.WaitForAsync("grace@example.org", m => m.Subject?.Contains("receipt", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains("$27", mail.Subject);

        // 2. On a phone, in Spanish: another amount, a declined card (said so beside the card; nothing charged), then a good one.
        var phoneContext = await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors);
        var phone = await phoneContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(phone, App, "Lucía Gómez", "lucia@example.org", "19139");
        await phone.GotoAsync(App.BaseUrl + "/give");
        await phone.GetByLabel("Otra cantidad (USD)").FillAsync("15.50");
        await phone.GetByLabel("Número de tarjeta").FillAsync("4000 0000 0000 0002");
        await phone.GetByLabel("Dirección").FillAsync("5200 Baltimore Ave");
        await phone.GetByLabel("Ciudad").FillAsync("Philadelphia");
        await phone.GetByLabel("Estado").SelectOptionAsync("PA");
        await phone.Locator("button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(phone.Locator("#card-error")).ToContainTextAsync("rechazó");
        await CheckAsync(phone, "give-declined-es-phone");
        await phone.GetByLabel("Número de tarjeta").FillAsync("4242424242424242");
        await phone.GetByLabel("Donar esto cada mes").CheckAsync();
        await phone.Locator("button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Recibo" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("se repetirá cada mes")).ToBeVisibleAsync();
        var phoneReceipt = phone.Url[(phone.Url.LastIndexOf('/') + 1)..];
        await CheckAsync(phone, "receipt-es-phone");
        await phone.GotoAsync(App.BaseUrl + "/give/gifts");
        await Assertions.Expect(phone.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // the header, the declined gift and the one received
        await CheckAsync(phone, "gifts-es-phone");
        // Her monthly gift: listed with its next date, and stopped with one button.
        await phone.GotoAsync(App.BaseUrl + "/give/monthly");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "$15.50 al mes" })).ToBeVisibleAsync();
        await CheckAsync(phone, "monthly-es-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Parar esta donación mensual" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("no se cobrará nada más")).ToBeVisibleAsync();
        await CheckAsync(phone, "monthly-stopped-es-phone");

        // 3. Anyone reads the totals: $42.50 from two people.
        var visitor = await Journeys.NewPageAsync(Chromium, 360, 780, "en");
        await visitor.GotoAsync(App.BaseUrl + "/fund");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "$42.50" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "2", Exact = true })).ToHaveCountAsync(2);   // two people, two gifts
        await CheckAsync(visitor, "fund-phone");

        // 4. Grace, the treasurer: the fund's itemized receipts (nobody past $200 yet), and the allocation, which waits for an endorsed candidate.
        await desktop.GotoAsync(App.BaseUrl + "/fund");
        await desktop.GetByRole(AriaRole.Link, new() { Name = "Itemized receipts The central fund" }).ClickAsync();
        await Assertions.Expect(desktop.GetByText("No donor has passed the threshold yet.")).ToBeVisibleAsync();
        await CheckAsync(desktop, "receipts");
        await desktop.GotoAsync(App.BaseUrl + "/fund");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Share out the pool now" }).ClickAsync();
        await Assertions.Expect(desktop.GetByRole(AriaRole.Alert)).ToContainTextAsync("No candidate is endorsed yet");
        await CheckAsync(desktop, "fund-treasurer");
        // She opens the Spanish donor's gift by its receipt number and refunds part of it from its page.
        await desktop.GetByLabel("Open a gift by its receipt number (to refund it)").FillAsync(phoneReceipt);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Open the gift" }).ClickAsync();
        await Assertions.Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Refund" })).ToBeVisibleAsync();
        await desktop.GetByLabel("Amount to refund (USD)").FillAsync("5");
        await CheckAsync(desktop, "gift-treasurer");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Assertions.Expect(desktop.GetByText("Refunded: $5 of this gift is now back on the donor's card.")).ToBeVisibleAsync();
        await Assertions.Expect(desktop.GetByText("$5 of it was refunded to the donor's card.")).ToBeVisibleAsync();

        Assert.Empty(problems);
        Assert.Empty(consoleErrors);
    }
}
