using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>Steps several browser tests take, done the way a person does them.</summary>
public static class Journeys
{
    public const string Password = "correct horse battery";

    public static async Task<IPage> NewPageAsync(Browser browser, int width = 1280, int height = 900, string? culture = null, string? baseUrl = null) =>
        await (await browser.NewContextAsync(width, height, culture, baseUrl)).NewPageAsync();

    /// <summary>Signs up through the form, then opens the link from the email that reached the SMTP server.</summary>
    public static async Task SignUpAndConfirmAsync(IPage page, RunningApp app, string name, string email, string zip, string? shot = null)
    {
        await page.GotoAsync(app.BaseUrl + "/account/signup");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("ZIP code").FillAsync(zip);
        if (shot is not null) await Browser.ShotAsync(page, shot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        var mail = await app.Smtp.WaitForAsync(email);
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/account/confirm\?\S+").Value;
        Assert.False(string.IsNullOrEmpty(link), "The confirmation email has no link:\n" + mail.TextBody);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My profile" })).ToBeVisibleAsync();
    }

    public static async Task FoundGroupAsync(IPage page, RunningApp app, string name, string zip, string description)
    {
        await page.GotoAsync(app.BaseUrl + "/groups/new");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Chapter" }).CheckAsync();
        await page.GetByLabel("ZIP code").FillAsync(zip);
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
    }
}
