using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Convention;

/// <summary>
/// Delegates by a published rule, in real Chromium: the convention's creator publishes the allocation on a desktop,
/// a group's organizer names a member to the group's seat, and the member, on a phone in Spanish, accepts on the
/// assembly's page and is credentialed. The delegates page checked with axe and for sideways scrolling, and shot.
/// </summary>
public sealed class DelegatesStoryTests : BrowserTest
{
    [Fact]
    public async Task The_creator_publishes_the_seats_an_organizer_names_a_delegate_and_she_accepts_on_her_phone_in_spanish()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "convention/" + shot, problems);

        // 1. The creator starts a delegates' assembly two weeks from now.
        var creatorContext = await Chromium.NewContextAsync(1280, 900, "en", errors: consoleErrors);
        var creator = await creatorContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(creator, App, "Carmen Ruiz", "carmen@example.org", "19107");
        var start = DateTime.UtcNow.AddDays(14);
        await creator.GotoAsync(App.BaseUrl + "/assemblies/new");
        await creator.GetByLabel("Name", new() { Exact = true }).FillAsync("Pennsylvania Delegates Assembly");
        await creator.GetByLabel("Starts").FillAsync(start.ToString("yyyy-MM-ddTHH:mm"));
        await creator.GetByLabel("Ends").FillAsync(start.AddHours(6).ToString("yyyy-MM-ddTHH:mm"));
        await creator.Locator("input[name='Input.CredentialRule'][value='Delegates']").CheckAsync();
        await creator.GetByRole(AriaRole.Button, new() { Name = "Start the assembly" }).ClickAsync();
        await Assertions.Expect(creator.GetByRole(AriaRole.Heading, new() { Name = "Pennsylvania Delegates Assembly" })).ToBeVisibleAsync();
        var assemblyUrl = creator.Url;

        // 2. An organizer's group, and a member who joins it.
        var organizerContext = await Chromium.NewContextAsync(1280, 900, "en", errors: consoleErrors);
        var organizer = await organizerContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(organizer, App, "Omar Haddad", "omar@example.org", "19104");
        await Journeys.FoundGroupAsync(organizer, App, "West Philly for the Platform", "19104", "Neighbors drafting the platform together.");
        var groupUrl = organizer.Url;
        var phoneContext = await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors);
        var phone = await phoneContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(phone, App, "Nadia Flores", "nadia@example.org", "19139");
        await phone.GotoAsync(groupUrl);
        await phone.Locator("form[action*='handler=Join'] button").ClickAsync();
        await Assertions.Expect(phone.Locator("a[href$='/leave']")).ToBeVisibleAsync();

        // 3. The creator publishes 3 seats among groups of at least 2 confirmed members.
        await creator.GotoAsync(assemblyUrl + "/delegates");
        await CheckAsync(creator, "delegates-unpublished");
        await creator.GetByLabel("Delegate seats").FillAsync("3");
        await creator.GetByLabel("Confirmed members a group needs").FillAsync("2");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(creator.GetByText("The allocation is published.")).ToBeVisibleAsync();
        await Assertions.Expect(creator.GetByRole(AriaRole.Row).Filter(new() { HasText = "West Philly for the Platform" })).ToBeVisibleAsync();
        await CheckAsync(creator, "delegates-published");

        // 4. The organizer names Nadia (told apart from others by place and join date).
        await organizer.GotoAsync(assemblyUrl + "/delegates");
        await organizer.GetByLabel("Name a delegate").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        Assert.StartsWith("Nadia", await organizer.GetByLabel("Name a delegate").Locator("option").First.TextContentAsync());
        await CheckAsync(organizer, "delegates-organizer");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Name as delegate", Exact = true }).ClickAsync();
        await Assertions.Expect(organizer.GetByText("has not answered yet")).ToBeVisibleAsync();

        // 5. Nadia, on her phone in Spanish, accepts and says she attends remotely: she is credentialed.
        await phone.GotoAsync(assemblyUrl);
        await Assertions.Expect(phone.GetByText("te nombró una de sus personas delegadas")).ToBeVisibleAsync();
        await CheckAsync(phone, "delegate-invited-es-phone");
        await phone.Locator("article.invitation").GetByLabel("A distancia").CheckAsync();
        await phone.Locator("article.invitation form").First.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(phone.GetByText("Tienes acreditación para votar.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Eres una de las personas delegadas de West Philly for the Platform.")).ToBeVisibleAsync();
        await phone.GotoAsync(assemblyUrl + "/delegates");
        await CheckAsync(phone, "delegates-es-phone");

        Assert.Empty(problems);
        Assert.Empty(consoleErrors);
    }
}
