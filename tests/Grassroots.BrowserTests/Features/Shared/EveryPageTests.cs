using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Shared;

/// <summary>
/// Every page, in English and Spanish, at desktop and phone widths: it answers, it is in the
/// right language, axe-core finds no critical or serious problem, and a screenshot is saved.
/// </summary>
public sealed class EveryPageTests : BrowserTest
{
    // One flag opens a jury case here, so the case page can be checked too.
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Database__SeedDemo"] = "true", ["Moderation__HideThreshold"] = "1", ["Moderation__JurySize"] = "3", ["Moderation__MinimumAccountAge"] = "00:00:00",
    };

    private static readonly (string Name, string Path, bool SignedIn)[] Pages =
    [
        ("home", "/", false),
        ("signup", "/account/signup", false),
        ("signin", "/account/signin", false),
        ("forgot", "/account/forgot", false),
        ("resend", "/account/resend", false),
        ("groups", "/groups", false),
        ("groups-near", "/groups?near=19107&within=50", false),
        ("group", "/groups/philadelphia-chapter", false),
        ("values", "/values", false),
        ("moderation", "/moderation", false),
        ("not-found", "/no-such-page", false),
        ("me", "/me", true),
        ("group-new", "/groups/new", true),
        ("my-group", "/groups/{mine}", true),
        ("my-group-members", "/groups/{mine}/members", true),
        ("my-group-message", "/groups/{mine}/message", true),
        ("my-group-leave", "/groups/{mine}/leave", true),
        ("my-group-edit", "/groups/{mine}/edit", true),
        ("my-group-messages", "/groups/{mine}/messages", true),
        ("my-group-flyer", "/groups/{mine}/flyer", true),
        ("group-invite-welcome", "{invite}", false),
        ("message", "{message}", true),
        ("flag", "/flag?type=group&id={mineId}", true),
        ("jury-case", "{case}", false),
        ("jury-case-signed-in", "{case}", true),
        ("jury-case-decided", "{removedCase}", false),
        ("removed-group", "/groups/{removed}", false),
        ("delete", "/me/delete", true),
        ("passkeys", "/me/passkeys", true),
        ("password", "/me/password", true),
        ("confirm", "{confirm}", false),
        ("projects", "/projects", false),
        ("projects-signed-in", "/projects", true),
        ("project", "/projects/{project}", false),
        ("my-project", "/projects/{project}", true),
        ("project-new", "/projects/new", true),
        ("my-project-edit", "/projects/{project}/edit", true),
        ("my-projects", "/projects/mine", true),
        ("notices", "/notices", true),
        ("notice-settings", "/me/notices/settings", true),
        ("unsubscribe", "{unsubscribe}", false),
        ("my-data", "/me/export", true),
        ("home-member", "/", true),
        ("merge-with", "/projects/{project}/merge-with?with={similar}", true),
        ("my-project-message", "/projects/{project}/message", true),
        ("my-project-messages", "/projects/{project}/messages", true),
        ("event-new", "/events/new", true),
        ("event", "{event}", false),
        ("event-host", "{event}", true),
        ("event-edit", "{event}/edit", true),
        ("campaigns", "/campaigns", false),
        ("campaign-new", "/campaigns/new", true),
        ("campaign", "{campaign}", false),
        ("campaign-event-new", "/events/new?campaign={campaignSlug}", true),
        ("my-events", "/me/events", true),
        ("event-hosts", "{event}/hosts", true),
        ("event-checkin", "{event}/checkin", true),
        ("events", "/events", false),
        ("events-near", "/events?zip=19125&miles=50&online=include", false),
        ("events-signed-in", "/events", true),
        ("events-embed", "/events/embed?zip=19125", false),
        ("platform", "/platform", false),
        ("platform-new", "/platform/new", true),
        ("platform-document", "{platform}", false),
        ("platform-document-member", "{platform}", true),
        ("platform-amend", "{amend}", true),
        ("platform-amendments", "{platform}/amendments", false),
        ("platform-amendment", "{amendment}", false),
        ("platform-amendment-member", "{amendment}", true),
        ("platform-history", "{platform}/history", false),
        ("platform-compare", "{platform}/compare?from=1&to=1", false),
        ("platform-facilitate", "{platform}/facilitate", true),
        ("conversations", "/conversations", false),
        ("conversation-new", "/conversations/new", true),
        ("conversation-import", "/conversations/import", true),
        ("conversation", "{conversation}", false),
        ("conversation-member", "{conversation}", true),
        ("conversation-map", "{conversation}/map", false),
        ("conversation-moderate", "{conversation}/moderate", true),
    ];

    [Fact]
    public async Task Every_page_is_accessible_in_english_and_spanish_on_desktop_and_phone()
    {
        // One organizer, with a group of their own, so the organizer pages exist.
        var setup = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(setup, App, "Ana Torres", "ana@example.org", "19107");
        await Journeys.FoundGroupAsync(setup, App, "Kensington Neighbors", "19125", "Our block, our voice.");
        var slug = setup.Url.Split('/').Last();
        var invite = new Uri(await setup.Locator("#invite-link").InputValueAsync()).PathAndQuery;
        // Organizers have no flag link on their own group: its id comes from the API.
        await Assertions.Expect(setup.GetByRole(AriaRole.Link, new() { Name = "Flag this group" })).ToHaveCountAsync(0);
        var groupJson = await (await setup.Context.APIRequest.GetAsync(App.BaseUrl + "/api/groups/" + slug)).JsonAsync();
        var id = groupJson!.Value.GetProperty("id").GetString()!;
        await Journeys.LaunchProjectAsync(setup, App, "Kensington mural", "Paint a mural with the neighbors", "19125",
            [("Painters", "People", "6", "design"), ("Paint", "Money", "300", null)]);
        var project = setup.Url.Split('/').Last();
        // A second project of hers, so the merge confirmation has two to show.
        await Journeys.LaunchProjectAsync(setup, App, "Fishtown mural", "Paint a mural on Girard Avenue", "19125", []);
        var similarHref = await setup.GetByRole(AriaRole.Link, new() { Name = "Flag this project" }).GetAttributeAsync("href");
        var similar = similarHref!.Split("id=").Last();

        // A flag through the form: with a threshold of 1 it opens a jury case.
        await setup.GotoAsync(App.BaseUrl + "/groups/philadelphia-chapter");
        await setup.GetByRole(AriaRole.Link, new() { Name = "Flag this group" }).ClickAsync();
        await setup.GetByLabel("Privacy").CheckAsync();
        await setup.GetByLabel("Why?").FillAsync("The description lists a volunteer's home address.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Send the flag" }).ClickAsync();
        await Assertions.Expect(setup.GetByText("Your flag is recorded")).ToBeVisibleAsync();
        await setup.GotoAsync(App.BaseUrl + "/moderation");
        var caseUrl = await setup.GetByRole(AriaRole.Link, new() { Name = "Philadelphia Chapter" }).First.GetAttributeAsync("href");

        // A second case, which a juror decides: Ben's group, flagged by Ana; Cy (signed in, neither author nor flagger) is drawn.
        var ben = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(ben, App, "Ben Okafor", "ben@example.org", "19104");
        await Journeys.FoundGroupAsync(ben, App, "Cheap Watches Club", "19104", "Buy watches at cheap-watches.example.");
        var removed = ben.Url.Split('/').Last();
        var cy = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(cy, App, "Cy Park", "cy@example.org", "19103");
        await setup.GotoAsync(App.BaseUrl + "/groups/" + removed);
        await setup.GetByRole(AriaRole.Link, new() { Name = "Flag this group" }).ClickAsync();
        await setup.GetByLabel("No spam").CheckAsync();
        await setup.GetByLabel("Why?").FillAsync("It only advertises a shop that sells watches.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Send the flag" }).ClickAsync();
        await setup.GotoAsync(App.BaseUrl + "/moderation");
        var removedCase = await setup.GetByRole(AriaRole.Link, new() { Name = "Cheap Watches Club" }).First.GetAttributeAsync("href");
        await cy.GotoAsync(App.BaseUrl + removedCase);
        await Assertions.Expect(cy.Locator("#time-left")).ToContainTextAsync("You have 3 days left to vote");
        await cy.GetByLabel("Remove: it goes against the community values").CheckAsync();
        await cy.GetByLabel("Your reason (published, without your name)").FillAsync("A shop's advertisement, not a group of the movement.");
        await cy.GetByRole(AriaRole.Button, new() { Name = "Cast my vote" }).ClickAsync();
        await Assertions.Expect(cy.GetByText("Removed by the jury")).ToBeVisibleAsync();

        // Long tables, the way a phone meets them: pledges for Ana to answer, Ana's own pledges, a
        // co-owner invitation waiting for her, members in her group, and a flagged project in the log.
        await JoinGroupAsync(ben, slug);
        await JoinGroupAsync(cy, slug);
        await PledgeAsync(ben, project, "Painters", null, "I can paint on Saturdays and Sundays");
        await PledgeAsync(ben, project, "Paint", "25", null);
        await PledgeAsync(cy, project, "Painters", null, null);
        await PledgeAsync(cy, project, "Paint", "40", "For brushes and primer");
        await Journeys.LaunchProjectAsync(ben, App, "West Philadelphia food drive", "Collect food for the pantry on Baltimore Avenue", "19104",
            [("Drivers with a car", "People", "4", "driving"), ("Gas money", "Money", "150", null)]);
        var bensProject = ben.Url.Split('/').Last();
        await PledgeAsync(setup, bensProject, "Drivers with a car", null, "Weekday evenings");
        await PledgeAsync(setup, bensProject, "Gas money", "20", null);
        await ben.ReloadAsync();
        await ben.GetByRole(AriaRole.Row).Filter(new() { HasText = "Drivers with a car" }).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(ben.GetByText("The pledge is accepted.")).ToBeVisibleAsync();
        await ben.GetByText("Invite a co-owner").ClickAsync();
        await ben.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Journeys.LaunchProjectAsync(cy, App, "Community mural on Girard Avenue", "A mural by the neighbors on the Girard Avenue wall", "19125", []);
        await setup.GotoAsync(cy.Url);
        await setup.GetByRole(AriaRole.Link, new() { Name = "Flag this project" }).ClickAsync();
        await setup.GetByLabel("No spam").CheckAsync();
        await setup.GetByLabel("Why?").FillAsync("It was posted three times with the same words.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Send the flag" }).ClickAsync();
        await Assertions.Expect(setup.GetByText("Your flag is recorded")).ToBeVisibleAsync();
        // A message to the group's members, for the message page (and the archives).
        await setup.GotoAsync(App.BaseUrl + $"/groups/{slug}/message");
        await setup.GetByLabel("Subject").FillAsync("Block party planning");
        await setup.GetByLabel("Message").FillAsync("We meet on **Monday** at 7pm.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Send to all members" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "Block party planning" })).ToBeVisibleAsync();
        var message = new Uri(setup.Url).PathAndQuery;
        // An event Ana hosts, for the event pages (a visitor's RSVP form, the host's view).
        await setup.GotoAsync(App.BaseUrl + "/events/new");
        await setup.GetByLabel("Title").FillAsync("House party for the People's Platform");
        await setup.GetByLabel("Starts").FillAsync($"{DateTime.UtcNow.Year + 1}-06-04T19:00");
        await setup.GetByLabel("Ends").FillAsync($"{DateTime.UtcNow.Year + 1}-06-04T22:00");
        await setup.GetByLabel("Street address").FillAsync("1234 N Front St");
        await setup.GetByLabel("ZIP code").FillAsync("19125");
        await setup.GetByLabel("Capacity").FillAsync("25");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "House party for the People's Platform" })).ToBeVisibleAsync();
        var eventPath = new Uri(setup.Url).PathAndQuery;
        // A campaign of hers, for the campaign pages.
        await setup.GotoAsync(App.BaseUrl + "/campaigns/new");
        await setup.Locator("input[name='Input.Title']").FillAsync("House party weekend");
        await setup.GetByLabel("First day").FillAsync($"{DateTime.UtcNow.Year + 1}-06-04");
        await setup.GetByLabel("Last day").FillAsync($"{DateTime.UtcNow.Year + 1}-06-05");
        await setup.GetByLabel("Event title").FillAsync("House party for the People's Platform");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "House party weekend" })).ToBeVisibleAsync();
        var campaignPath = new Uri(setup.Url).PathAndQuery;
        // A platform document of hers with an amendment, for the platform's pages.
        await setup.GotoAsync(App.BaseUrl + "/platform/new");
        await setup.GetByLabel("The text (Markdown)").FillAsync("# The People's Platform\n\n## Economy\n\n### Living wage\n\nA $15 minimum wage for all workers.\n\n## Democracy\n\nOverturn Citizens United.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Preview how it splits" }).ClickAsync();
        await setup.GetByRole(AriaRole.Button, new() { Name = "Create the document" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "The People's Platform", Exact = true })).ToBeVisibleAsync();
        var platformPath = new Uri(setup.Url).AbsolutePath;
        var amendPath = await setup.Locator("a[href*='/amend?plank=']").First.GetAttributeAsync("href");
        await setup.GotoAsync(App.BaseUrl + amendPath);
        await setup.GetByLabel("A short title").FillAsync("A $20 wage");
        await setup.GetByLabel("The text as it should read").FillAsync("A $20 minimum wage for all workers.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Propose the amendment" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "#1 A $20 wage" })).ToBeVisibleAsync();
        var amendmentPath = new Uri(setup.Url).AbsolutePath;
        // A conversation of hers on it, for the conversation pages.
        await setup.GotoAsync(App.BaseUrl + "/conversations/new");
        await setup.GetByLabel("Topic or question").FillAsync("What should the platform say about wages?");
        await setup.GetByLabel("Statements to start with, one per line").FillAsync("A living wage for every worker.\nEnd tipped wages.");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Start the conversation" }).ClickAsync();
        await Assertions.Expect(setup.GetByRole(AriaRole.Heading, new() { Name = "What should the platform say about wages?" })).ToBeVisibleAsync();
        var conversationPath = new Uri(setup.Url).AbsolutePath;
        var cookies = await setup.Context.CookiesAsync();

        // A second sign-up, left unconfirmed: its link shows the confirmation page (opening it changes nothing).
        var pending = await Journeys.NewPageAsync(Chromium);
        await pending.GotoAsync(App.BaseUrl + "/account/signup");
        await Journeys.SignUpAsync(pending, "Beto Ruiz", "beto@example.org", "19104");
        var confirmMail = await App.Smtp.WaitForAsync("beto@example.org");
        var confirmUrl = new Uri(System.Text.RegularExpressions.Regex.Match(confirmMail.TextBody ?? "", @"https?://\S+/account/confirm\?\S+").Value).PathAndQuery;

        // Ana's email about a pledge carries the one-click unsubscribe link; its page asks before it stops anything.
        var pledgeMail = await App.Smtp.WaitForAsync("ana@example.org", m => m.Headers.Contains("List-Unsubscribe"));
        var unsubscribeUrl = new Uri(pledgeMail.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        string Fill(string path) => path.Replace("{mine}", slug).Replace("{mineId}", id).Replace("{project}", project).Replace("{similar}", similar)
            .Replace("{case}", caseUrl!).Replace("{removedCase}", removedCase!).Replace("{removed}", removed).Replace("{confirm}", confirmUrl)
            .Replace("{unsubscribe}", unsubscribeUrl).Replace("{invite}", invite).Replace("{message}", message).Replace("{event}", eventPath)
            .Replace("{campaignSlug}", campaignPath.Split('/').Last()).Replace("{campaign}", campaignPath)
            .Replace("{platform}", platformPath).Replace("{amend}", amendPath!).Replace("{amendment}", amendmentPath).Replace("{conversation}", conversationPath);

        var problems = new List<string>();
        var consoleErrors = new List<string>();
        foreach (var culture in new[] { "en", "es" })
        foreach (var (width, height, device) in new[] { (1280, 900, "desktop"), (360, 780, "phone") })
        {
            var context = await Chromium.NewContextAsync(width, height, culture, App.BaseUrl, consoleErrors);
            var visitor = await context.NewPageAsync();
            var memberContext = await Chromium.NewContextAsync(width, height, culture, App.BaseUrl, consoleErrors);
            await memberContext.AddCookiesAsync(cookies.Where(c => c.Name != ".AspNetCore.Culture").Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = App.BaseUrl }));
            var member = await memberContext.NewPageAsync();

            foreach (var (name, path, signedIn) in Pages)
            {
                var page = signedIn ? member : visitor;
                var url = App.BaseUrl + Fill(path);
                var response = await page.GotoAsync(url);
                var expected = name == "not-found" ? 404 : name == "removed-group" ? 410 : 200;
                if (response?.Status != expected) problems.Add($"{name} [{culture}/{device}]: HTTP {response?.Status}, expected {expected}");
                if (signedIn && page.Url.Contains("/account/signin")) problems.Add($"{name} [{culture}/{device}]: was sent to sign in");
                var lang = await page.GetAttributeAsync("html", "lang");
                if (lang != culture) problems.Add($"{name} [{culture}/{device}]: html lang is {lang}");
                foreach (var v in await Browser.AxeViolationsAsync(page)) problems.Add($"{name} [{culture}/{device}]: {v}");
                if (name == "home" && device == "desktop" && await page.Locator("header ul.sections a[href='/conversations']").CountAsync() != 1)
                    problems.Add($"home [{culture}/{device}]: no Conversations link in the bar");
                // The platform's and conversations' pages: every control and every link that stands alone (not inside a
                // sentence) is a tap target of at least 24×24 CSS px (WCAG 2.2, 2.5.8).
                if (name.StartsWith("platform-document") || name.StartsWith("platform-amendment") || name.StartsWith("conversation"))
                {
                    var small = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main button, main select, main summary, main input:not([type=hidden]), " +
                        ".plank .tools a, ul.amendment-list > li > a:first-child, main p > a:only-child, ol.common-ground > li > a, nav.doc-links a')]" +
                        ".filter(e => e.checkVisibility()).map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.height < 24 || r.width < 24)" +
                        ".map(([e, r]) => `${e.tagName.toLowerCase()} \"${e.textContent.trim().slice(0, 30)}\" ${Math.round(r.width)}×${Math.round(r.height)}`)");
                    if (small.Length > 0) problems.Add($"{name} [{culture}/{device}]: targets under 24×24 px: {string.Join(", ", small)}");
                }
                // Nothing scrolls sideways, down to a 360 px phone.
                await CheckWidthAsync(page, $"{name} [{culture}/{device}]", problems);
                await Browser.ShotAsync(page, $"pages/{name}-{culture}-{device}");
            }
            // On a phone the header's links are in a menu: opened, it is accessible (44 px targets) and as narrow as the page.
            if (device == "phone")
                foreach (var (page, who) in new[] { (visitor, "visitor"), (member, "member") })
                {
                    await page.GotoAsync(App.BaseUrl + "/groups");
                    await page.Locator("header details.menu summary").ClickAsync();
                    await Assertions.Expect(page.Locator("header details.menu > ul a").First).ToBeVisibleAsync();
                    if (await page.Locator("header details.menu > ul a[href='/conversations']").CountAsync() != 1) problems.Add($"menu-{who} [{culture}/{device}]: no Conversations link");
                    foreach (var v in await Browser.AxeViolationsAsync(page)) problems.Add($"menu-{who} [{culture}/{device}]: {v}");
                    await CheckWidthAsync(page, $"menu-{who} [{culture}/{device}]", problems);
                    var small = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('header details.menu summary, header details.menu > ul a, header details.menu > ul button')]" +
                        ".filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())");
                    if (small.Length > 0) problems.Add($"menu-{who} [{culture}/{device}]: targets under 44 px tall: {string.Join(", ", small)}");
                    await Browser.ShotAsync(page, $"pages/menu-{who}-{culture}-{device}");
                }
            await context.CloseAsync();
            await memberContext.CloseAsync();
        }
        // The narrowest phone (320 px) and a common one (390 px): every page again, for sideways scrolling only.
        foreach (var culture in new[] { "en", "es" })
        foreach (var width in new[] { 320, 390 })
        {
            var narrow = await Chromium.NewContextAsync(width, 780, culture, App.BaseUrl, consoleErrors);
            var visitor = await narrow.NewPageAsync();
            var memberContext = await Chromium.NewContextAsync(width, 780, culture, App.BaseUrl, consoleErrors);
            await memberContext.AddCookiesAsync(cookies.Where(c => c.Name != ".AspNetCore.Culture").Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = App.BaseUrl }));
            var member = await memberContext.NewPageAsync();
            foreach (var (name, path, signedIn) in Pages)
            {
                var page = signedIn ? member : visitor;
                await page.GotoAsync(App.BaseUrl + Fill(path));
                await CheckWidthAsync(page, $"{name} [{culture}/{width}px]", problems);
                if (name is "home" or "group" or "project" or "my-project" or "my-data" or "flag" or "jury-case-signed-in")
                    await Browser.ShotAsync(page, $"pages/{name}-{culture}-{width}px");
            }
            await narrow.CloseAsync();
            await memberContext.CloseAsync();
        }
        // The not-found page (and the removed group's 410) log their own status; anything else (a blocked script or style) is a fault.
        problems.AddRange(consoleErrors.Where(e => !e.Contains("404") && !e.Contains("410")).Distinct().Select(e => "console: " + e));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A page wider than its viewport scrolls sideways: the document's width against the width it is shown in.</summary>
    private static async Task CheckWidthAsync(IPage page, string what, List<string> problems)
    {
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (dims[0] > dims[1])
        {
            var wide = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')].filter(e => e.checkVisibility() && e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)" +
                ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' \"' + (e.textContent || '').trim().slice(0, 30) + '\"')");
            problems.Add($"{what}: scrolls sideways ({dims[0]} > {dims[1]} px): {string.Join("; ", wide)}");
        }
    }

    private async Task JoinGroupAsync(IPage page, string group)
    {
        await page.GotoAsync(App.BaseUrl + "/groups/" + group);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You are a member")).ToBeVisibleAsync();
    }

    /// <summary>Pledges on a need of a project through its form: an amount for money, a note if given.</summary>
    private async Task PledgeAsync(IPage page, string project, string need, string? amount, string? note)
    {
        await page.GotoAsync(App.BaseUrl + "/projects/" + project);
        var heading = page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(need) + @"\b") });
        var form = page.Locator("article.need").Filter(new() { Has = heading });
        if (amount is not null) await form.GetByLabel("Amount in dollars").FillAsync(amount);
        if (note is not null) await form.GetByLabel("Note for the owners").FillAsync(note);
        await form.GetByRole(AriaRole.Button).Last.ClickAsync();
        await Assertions.Expect(page.Locator("article.need").Filter(new() { Has = heading }).GetByText("You pledged")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Spanish_visitors_get_spanish_pages_and_field_errors()
    {
        var page = await Journeys.NewPageAsync(Chromium, culture: "es", baseUrl: App.BaseUrl);
        await page.GotoAsync(App.BaseUrl + "/account/signup");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Únete a Grassroots" })).ToBeVisibleAsync();
        await page.GetByLabel("Código postal").FillAsync("00000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unirme" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByText("Escribe tu nombre.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No conocemos el código postal «00000»")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Escribe un correo como nombre@ejemplo.org.")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(page));
        await Browser.ShotAsync(page, "pages/signup-errors-es-desktop");

        // The switch in the footer goes back to English and remembers it.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join Grassroots" })).ToBeVisibleAsync();
        await page.GotoAsync(App.BaseUrl + "/groups");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groups", Exact = true })).ToBeVisibleAsync();
    }
}
