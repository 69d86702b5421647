using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Platform;

/// <summary>
/// Issue 15's drafting story through the pages: a member imports a platform (previewed first), another proposes
/// an amendment on a phone in Spanish and sees the word diff, a third co-signs; the creator accepts and merges it
/// into version 2 and the comparison shows the change. Each page checked with axe and for sideways scrolling, and shot.
/// </summary>
public sealed class AmendmentStoryTests : BrowserTest
{
    [Fact]
    public async Task A_member_proposes_an_amendment_sees_the_diff_another_cosigns_and_the_creator_merges_it()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "platform-story-" + shot, problems);

        // 1. The creator pastes the text, previews how it splits, and creates the document.
        var creatorContext = await Chromium.NewContextAsync(errors: consoleErrors);
        var creator = await creatorContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(creator, App, "Nina Torres", "nina@example.org", "19107");
        await creator.GotoAsync(App.BaseUrl + "/platform/new");
        await creator.GetByLabel("The text (Markdown)").FillAsync("# Platform 2026\n\n## Work\n\n### Living wage\n\nA $15 minimum wage for all workers.\n\n### Unions\n\nMake it easy to form a union.");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Preview how it splits" }).ClickAsync();
        await Assertions.Expect(creator.GetByText("2 planks")).ToBeVisibleAsync();
        await CheckAsync(creator, "preview");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create the document" }).ClickAsync();
        await Assertions.Expect(creator.GetByRole(AriaRole.Heading, new() { Name = "Platform 2026", Exact = true })).ToBeVisibleAsync();
        var documentUrl = creator.Url;
        await CheckAsync(creator, "document");

        // 2. A member on a phone, in Spanish, proposes a change and sees what it changes word by word.
        var phoneContext = await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors);
        var phone = await phoneContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(phone, App, "Luis Pérez", "luis@example.org", "19104");
        await phone.GotoAsync(documentUrl);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Proponer un cambio al punto 1" }).ClickAsync();
        await phone.GetByLabel("Un título breve").FillAsync("Un salario de $20");
        await phone.GetByLabel("El texto tal como debe quedar").FillAsync("A $20 minimum wage for all workers.");
        await CheckAsync(phone, "amend-es-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Proponer la enmienda" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".diff del")).ToContainTextAsync("$15");
        await Assertions.Expect(phone.Locator(".diff ins")).ToContainTextAsync("$20");
        var amendmentUrl = phone.Url;
        await CheckAsync(phone, "amendment-es-phone");

        // 3. A third member co-signs.
        var signerContext = await Chromium.NewContextAsync(errors: consoleErrors);
        var signer = await signerContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(signer, App, "Omar Said", "omar@example.org", "19103");
        await signer.GotoAsync(amendmentUrl);
        await signer.GetByRole(AriaRole.Button, new() { Name = "Co-sign this amendment" }).ClickAsync();
        await Assertions.Expect(signer.GetByText("1 of the 10 co-signers it needs")).ToBeVisibleAsync();
        await Assertions.Expect(signer.GetByRole(AriaRole.Button, new() { Name = "Withdraw my signature" })).ToBeVisibleAsync();
        await CheckAsync(signer, "cosigned");

        // 4. The creator accepts it, merges it into version 2, and compares.
        await creator.GotoAsync(amendmentUrl);
        await creator.GetByRole(AriaRole.Button, new() { Name = "Accept (merge it later)" }).ClickAsync();
        await creator.GotoAsync(documentUrl + "/facilitate");
        await CheckAsync(creator, "facilitate");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Make the new version" }).ClickAsync();
        await Assertions.Expect(creator.GetByText("Version 2 of 2")).ToBeVisibleAsync();
        await Assertions.Expect(creator.GetByText("A $20 minimum wage for all workers.")).ToBeVisibleAsync();
        await creator.GetByRole(AriaRole.Link, new() { Name = "Compare versions" }).ClickAsync();
        await Assertions.Expect(creator.Locator(".diff ins")).ToContainTextAsync("$20");
        await CheckAsync(creator, "compare");

        Assert.Empty(problems);
        Assert.Empty(consoleErrors);
    }
}
