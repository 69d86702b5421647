using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Members;

/// <summary>
/// A member adds a passkey and signs in with it, in real Chromium with a virtual WebAuthn
/// authenticator (Chrome DevTools Protocol) standing in for a phone or a security key.
/// </summary>
public sealed class PasskeyTests : BrowserTest
{
    protected override string Host => "localhost";

    [Fact]
    public async Task A_member_adds_a_passkey_then_signs_in_with_it_and_no_password()
    {
        var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await Journeys.SignUpAndConfirmAsync(page, App, "Winnie Wong", "winnie@example.org", "10027");
        await page.GotoAsync(App.BaseUrl + "/me/passkeys");
        await Assertions.Expect(page.GetByText("You have no passkey yet.")).ToBeVisibleAsync();
        await page.GetByLabel("Name for the new passkey").FillAsync("My laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your passkey is added.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "My laptop" })).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(page));
        await Browser.ShotAsync(page, "07-passkeys");

        // Sign out. A stranger then fails six times with her address: unknown devices are paused…
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        var stranger = await (await Chromium.NewContextAsync()).NewPageAsync();
        for (var i = 0; i < 6; i++)
        {
            await stranger.GotoAsync(App.BaseUrl + "/account/signin");
            await stranger.GetByLabel("Email").FillAsync("winnie@example.org");
            await stranger.GetByLabel("Password").FillAsync("a wrong guess " + i);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        }
        await Assertions.Expect(stranger.GetByText("paused for 15 minutes")).ToBeVisibleAsync();
        // …but a passkey always works.
        await page.GotoAsync(App.BaseUrl + "/account/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(App.BaseUrl + "/groups");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My profile" })).ToBeVisibleAsync();
        await page.GotoAsync(App.BaseUrl + "/me");
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Winnie Wong");
    }
}
