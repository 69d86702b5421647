using System.Text.RegularExpressions;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Members;

/// <summary>
/// The pages that prove the mailbox and change the password, in English and Spanish, on a desktop
/// and a 360 px phone: accessible (axe-core), screenshotted, and working.
/// </summary>
public sealed class ConfirmAndPasswordTests : BrowserTest
{
    private static readonly (int Width, int Height, string Device)[] Sizes = [(1280, 900, "desktop"), (360, 740, "phone")];

    [Fact]
    public async Task The_confirmation_page_asks_for_the_password_in_both_languages_and_signs_in_once()
    {
        var problems = new List<string>();
        var n = 0;
        foreach (var culture in new[] { "en", "es" })
        foreach (var (width, height, device) in Sizes)
        {
            var email = $"confirm{n++}@example.org";
            var page = await (await Chromium.NewContextAsync(width, height, culture, App.BaseUrl)).NewPageAsync();
            await page.GotoAsync(App.BaseUrl + "/account/signup");
            await page.Locator("#Input_DisplayName").FillAsync("Lucía Gómez");
            await page.Locator("#Input_Email").FillAsync(email);
            Assert.Equal(0, await page.Locator("input[type=password]").CountAsync());
            await page.Locator("form button[type=submit]").ClickAsync();
            // The page says where the link went, to look in the spam folder too, and offers to send it again.
            await Assertions.Expect(page.GetByText(culture == "es" ? "carpeta de spam" : "spam or junk folder")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = culture == "es" ? "Enviar un enlace nuevo" : "Send a new link" })).ToBeVisibleAsync();
            problems.AddRange((await Browser.AxeViolationsAsync(page)).Select(v => $"signup sent [{culture}/{device}]: {v}"));
            await Browser.ShotAsync(page, $"pages/signup-sent-{culture}-{device}");
            var mail = await App.Smtp.WaitForAsync(email);
            var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/account/confirm\?\S+").Value;
            Assert.Contains(culture == "es" ? "elige tu contraseña" : "choose your password", mail.TextBody);

            await page.GotoAsync(link);
            Assert.Equal(culture, await page.GetAttributeAsync("html", "lang"));
            // A short password is refused on its field, in the page's language.
            await page.Locator("#Password").FillAsync("short");
            await page.Locator("form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.GetByText(culture == "es" ? "al menos 10 caracteres" : "at least 10 characters").Last).ToBeVisibleAsync();
            problems.AddRange((await Browser.AxeViolationsAsync(page)).Select(v => $"confirm [{culture}/{device}]: {v}"));
            await Browser.ShotAsync(page, $"pages/confirm-{culture}-{device}");

            await page.Locator("#Password").FillAsync("my own passphrase");
            await page.Locator("form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(App.BaseUrl + "/me");

            await page.GotoAsync(App.BaseUrl + "/me/password");
            problems.AddRange((await Browser.AxeViolationsAsync(page)).Select(v => $"password [{culture}/{device}]: {v}"));
            await Browser.ShotAsync(page, $"pages/password-{culture}-{device}");

            // The link again, in another browser: no sign-in.
            var later = await (await Chromium.NewContextAsync(width, height, culture, App.BaseUrl)).NewPageAsync();
            var again = await later.GotoAsync(link);
            Assert.Equal(400, again!.Status);
            await later.GotoAsync(App.BaseUrl + "/me");
            Assert.Contains("/account/signin", later.Url);
            await later.Context.CloseAsync();
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Joining_from_a_project_page_comes_back_to_it_after_confirming()
    {
        var owner = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(owner, App, "Omar Haddad", "omar@example.org", "19104");
        await Journeys.LaunchProjectAsync(owner, App, "Tool library", "Lend tools to neighbors", "19104", [("Volunteers", "People", "3", null)]);
        var project = owner.Url;

        // A visitor on the project page (a 360 px phone) joins from the header's menu, and confirms by the link on the same phone.
        var visitor = await Journeys.NewPageAsync(Chromium, 360, 740);
        await visitor.GotoAsync(project);
        await visitor.Locator("header details.menu summary").ClickAsync(); // on a phone the account's links are in the menu
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Journeys.SignUpAsync(visitor, "Pat Lee", "pat@example.org", "19104");
        await Journeys.ConfirmAsync(visitor, App, "pat@example.org");
        await visitor.WaitForURLAsync(project);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Tool library" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByText("Your email is confirmed.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_link_can_be_asked_for_from_the_sign_in_page()
    {
        var page = await Journeys.NewPageAsync(Chromium, 360, 740, "es", App.BaseUrl);
        await page.GotoAsync(App.BaseUrl + "/account/signup");
        await Journeys.SignUpAsync(page, "Inés Ruiz", "ines@example.org", "19104");
        await App.Smtp.WaitForAsync("ines@example.org");

        await page.GotoAsync(App.BaseUrl + "/account/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Enviar un nuevo enlace de confirmación" }).ClickAsync();
        await page.GetByLabel("Correo").FillAsync("ines@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar un enlace nuevo" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("nuevo enlace de confirmación");
        Assert.Empty(await Browser.AxeViolationsAsync(page));
        await Browser.ShotAsync(page, "pages/resend-sent-es-phone");
        // A second link did go out.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (App.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == "ines@example.org")) < 2 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(2, App.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == "ines@example.org")));
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_browser()
    {
        var first = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(first, App, "Iris Chen", "iris@example.org", "94110");
        var second = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignInAsync(second, App, "iris@example.org", Journeys.Password);

        await first.GotoAsync(App.BaseUrl + "/me");
        await first.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await first.GetByLabel("Current password").FillAsync(Journeys.Password);
        await first.GetByLabel("New password").FillAsync("a newer passphrase");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Assertions.Expect(first.GetByText("Your password is changed.")).ToBeVisibleAsync();

        await second.GotoAsync(App.BaseUrl + "/me");
        Assert.Contains("/account/signin", second.Url);
    }

    [Fact]
    public async Task A_visitor_who_is_limited_sees_a_page_in_spanish()
    {
        var page = await Journeys.NewPageAsync(Chromium, culture: "es", baseUrl: App.BaseUrl);
        IResponse? last = null;
        for (var i = 0; i < 4; i++)
        {
            await page.GotoAsync(App.BaseUrl + "/account/forgot");
            await page.Locator("input[name=email]").FillAsync("mismo@example.org");
            last = await page.RunAndWaitForResponseAsync(() => page.Locator("form button[type=submit]").ClickAsync(),
                r => r.Url.EndsWith("/account/forgot") && r.Request.Method == "POST");
        }
        Assert.Equal(429, last!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Demasiadas solicitudes" })).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(page));
        await Browser.ShotAsync(page, "pages/too-many-es-desktop");
    }

    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["RateLimits__AuthPerAccountPerMinute"] = "3" };
}
