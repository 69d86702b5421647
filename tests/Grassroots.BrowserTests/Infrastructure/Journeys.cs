using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>Steps several browser tests take, done the way a person does them.</summary>
public static class Journeys
{
    public const string Password = "correct horse battery";

    public static async Task<IPage> NewPageAsync(Browser browser, int width = 1280, int height = 900, string? culture = null, string? baseUrl = null) =>
        await (await browser.NewContextAsync(width, height, culture, baseUrl)).NewPageAsync();

    /// <summary>
    /// Signs up through the form (name, address, ZIP: no password), then opens the link from the
    /// email that reached the SMTP server and chooses the password there; lands on the profile (in English or Spanish).
    /// </summary>
    public static async Task SignUpAndConfirmAsync(IPage page, RunningApp app, string name, string email, string zip, string? shot = null)
    {
        await page.GotoAsync(app.BaseUrl + "/account/signup");
        await SignUpAsync(page, name, email, zip, shot);
        await ConfirmAsync(page, app, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^(My profile|Mi perfil)$") })).ToBeVisibleAsync();
    }

    /// <summary>Fills in and sends the sign-up form the page shows; it then says to check the inbox.</summary>
    public static async Task SignUpAsync(IPage page, string name, string email, string zip, string? shot = null)
    {
        // By field name, so that it works on the Spanish page too.
        await page.Locator("input[name='Input.DisplayName']").FillAsync(name);
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Zip']").FillAsync(zip);
        Assert.Equal(0, await page.Locator("input[type=password]").CountAsync()); // asked once, on the link's page
        if (shot is not null) await Browser.ShotAsync(page, shot);
        await page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Check your email|Revisa tu correo)$") })).ToBeVisibleAsync();
    }

    /// <summary>Opens the confirmation link mailed to <paramref name="email"/> and chooses the password.</summary>
    public static async Task ConfirmAsync(IPage page, RunningApp app, string email)
    {
        var mail = await app.Smtp.WaitForAsync(email);
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/account/confirm\?\S+").Value;
        Assert.False(string.IsNullOrEmpty(link), "The confirmation email has no link:\n" + mail.TextBody);
        await page.GotoAsync(link);
        // By the field and the form, so that it works on the Spanish page too.
        await page.Locator("input[type=password]").FillAsync(Password);
        await page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync();
    }

    /// <summary>
    /// Signs in through the form and waits to be sent to <paramref name="landing"/>. When that does
    /// not happen, the failure says what the page showed instead (a message, a pause, another page).
    /// </summary>
    public static async Task SignInAsync(IPage page, RunningApp app, string email, string password, string landing = "/groups")
    {
        await page.GotoAsync(app.BaseUrl + "/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            // Reaching the address is what counts: on a loaded machine the page's load event (styles, scripts) may come
            // after the default timeout although the sign-in is done.
            await page.WaitForURLAsync(app.BaseUrl + landing, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            // Arriving just as the wait gave up is arriving: CI once saw the page on /groups after a 60 s wait timed out.
            if (page.Url == app.BaseUrl + landing) return;
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no main)");
            await Browser.ShotAsync(page, "failures/sign-in-" + email);
            Assert.Fail($"Signing in as {email} did not reach {landing}: the page is {page.Url} and shows:\n{shown}");
        }
    }

    public static async Task FoundGroupAsync(IPage page, RunningApp app, string name, string zip, string description)
    {
        await page.GotoAsync(app.BaseUrl + "/groups/new");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Chapter" }).CheckAsync();
        await page.GetByLabel("ZIP code").FillAsync(zip);
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the group" }).ClickAsync();
        // A chapter inside an existing chapter's area is shown that chapter first; these journeys found theirs anyway.
        var anyway = page.GetByRole(AriaRole.Button, new() { Name = "Start mine anyway" });
        var founded = page.GetByRole(AriaRole.Heading, new() { Name = name });
        await Assertions.Expect(anyway.Or(founded)).ToBeVisibleAsync();
        if (await anyway.IsVisibleAsync()) await anyway.ClickAsync();
        await Assertions.Expect(founded).ToBeVisibleAsync();
    }

    /// <summary>Launches a project through the form: an online one, or one at a ZIP, with up to two needs.</summary>
    public static async Task LaunchProjectAsync(IPage page, RunningApp app, string title, string goal, string? zip,
        (string Title, string Kind, string Quantity, string? Skill)[] needs, bool expectSimilar = false)
    {
        await page.GotoAsync(app.BaseUrl + "/projects/new");
        await page.GetByLabel("Title").FillAsync(title);
        // Filled at once, as pasted or autofilled text is: similar projects still show (no key is pressed).
        await page.GetByLabel("Goal").FillAsync(goal);
        if (expectSimilar)
            await Assertions.Expect(page.GetByText("Similar projects already exist")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        if (zip is null) await page.GetByLabel("Online: it can be done from anywhere").CheckAsync();
        else await page.GetByLabel("ZIP code").FillAsync(zip);
        for (var i = 0; i < needs.Length; i++)
        {
            var row = page.Locator("fieldset.need").Nth(i);
            await row.GetByLabel("What is needed").FillAsync(needs[i].Title);
            await row.GetByLabel("Kind").SelectOptionAsync(needs[i].Kind);
            await row.GetByLabel("How many (dollars for money)").FillAsync(needs[i].Quantity);
            if (needs[i].Skill is { } skill) await row.GetByLabel("Skill (for people)").SelectOptionAsync(skill);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch the project" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
    }
}
