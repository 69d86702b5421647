using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Platform;

/// <summary>
/// Issue 15's deliberation story through the pages: a facilitator opens a conversation on a platform document,
/// members vote on its statements one at a time (one of them on a phone in Spanish), the opinion map appears with
/// its groups and common ground, and the common ground becomes an amendment in one click.
/// </summary>
public sealed class CommonGroundStoryTests : BrowserTest
{
    [Fact]
    public async Task Members_vote_the_map_shows_common_ground_and_it_becomes_an_amendment()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "common-ground-" + shot, problems);

        var creatorContext = await Chromium.NewContextAsync(errors: consoleErrors);
        var creator = await creatorContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(creator, App, "Iris Moreno", "iris@example.org", "19107");
        await creator.GotoAsync(App.BaseUrl + "/platform/new");
        await creator.GetByLabel("The text (Markdown)").FillAsync("# Our Platform\n\n## Work\n\n### Living wage\n\nA $15 minimum wage.");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Preview how it splits" }).ClickAsync();
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create the document" }).ClickAsync();
        await creator.GetByRole(AriaRole.Link, new() { Name = "Start a conversation" }).ClickAsync();
        await creator.GetByLabel("Topic or question").FillAsync("What should we say about work?");
        await creator.GetByLabel("Statements to start with, one per line").FillAsync("Every worker deserves paid sick leave.\nRaise the minimum wage to $20.\nKeep the minimum wage where it is.");
        await CheckAsync(creator, "new-conversation");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Start the conversation" }).ClickAsync();
        await Assertions.Expect(creator.GetByRole(AriaRole.Heading, new() { Name = "What should we say about work?" })).ToBeVisibleAsync();
        var conversation = creator.Url;

        // Four members vote on every statement: all agree on sick leave, and split on the wage.
        var voters = new[] { ("Ana Ruiz", "ana.r@example.org", true, false), ("Ben Cole", "ben.c@example.org", false, false), ("Cai Lin", "cai.l@example.org", true, false), ("Dee Ross", "dee.r@example.org", false, true) };
        foreach (var (name, email, raise, spanishPhone) in voters)
        {
            var context = spanishPhone ? await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors) : await Chromium.NewContextAsync(errors: consoleErrors);
            var page = await context.NewPageAsync();
            await Journeys.SignUpAndConfirmAsync(page, App, name, email, "19104");
            await page.GotoAsync(conversation);
            for (var i = 0; i < 3; i++)
            {
                var text = await page.Locator(".statement-text").InnerTextAsync();
                var agree = text.Contains("sick leave") || (text.Contains("$20") == raise);
                if (i == 0) await CheckAsync(page, spanishPhone ? "vote-es-phone" : "vote");
                await page.Locator($"form button[name=vote][value='{(agree ? "1" : "-1")}']").ClickAsync();
            }
            await Assertions.Expect(page.GetByText(spanishPhone ? "Votaste todas las afirmaciones" : "You voted on every statement")).ToBeVisibleAsync();
            if (spanishPhone)
            {
                // The map appears in the background a few seconds after the votes, and readable without script.
                await page.GotoAsync(conversation + "/map");
                // Drawn again with this last voter in it: they see their group.
                for (var tries = 0; tries < 60 && await page.GetByText("Estás en el grupo").CountAsync() == 0; tries++)
                {
                    await Task.Delay(1000);
                    await page.ReloadAsync();
                }
                await Assertions.Expect(page.Locator("figure svg circle").First).ToBeAttachedAsync();
                await Assertions.Expect(page.GetByText("Estás en el grupo")).ToBeVisibleAsync();
                await CheckAsync(page, "map-es-phone");
            }
            await context.CloseAsync();
        }

        // The facilitator turns the common ground into an amendment in one click: the form comes prefilled.
        await creator.GotoAsync(conversation + "/map");
        for (var tries = 0; tries < 30 && await creator.Locator("a", new() { HasText = "Turn this into an amendment" }).CountAsync() == 0; tries++)
        {
            await Task.Delay(1000);
            await creator.ReloadAsync();
        }
        await Assertions.Expect(creator.Locator("h2", new() { HasText = "Common ground" })).ToBeVisibleAsync();
        await CheckAsync(creator, "map");
        await creator.Locator("li", new() { HasText = "Every worker deserves paid sick leave." }).Locator("a", new() { HasText = "Turn this into an amendment" }).ClickAsync();
        // The conversation is on the whole document: the facilitator chooses the plank the common ground changes.
        await creator.Locator("select[name=plank]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await creator.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(creator.GetByLabel("The text as it should read")).ToHaveValueAsync("Every worker deserves paid sick leave.");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Propose the amendment" }).ClickAsync();
        await Assertions.Expect(creator.Locator(".diff ins")).ToContainTextAsync("paid sick leave");
        await CheckAsync(creator, "amendment");

        Assert.Empty(problems);
        Assert.Empty(consoleErrors);
    }
}
