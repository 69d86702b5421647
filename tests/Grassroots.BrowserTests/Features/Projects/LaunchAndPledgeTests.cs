using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Projects;

/// <summary>
/// The permission machine in real Chromium: a volunteer launches a project with two needs, is
/// shown a similar project while typing and launches anyway; a neighbor with the right skill
/// finds it under "Projects that need you" and pledges; the owner accepts; the progress bar moves.
/// </summary>
public sealed class LaunchAndPledgeTests : BrowserTest
{
    [Fact]
    public async Task A_volunteer_launches_a_project_a_neighbor_pledges_and_the_owner_accepts()
    {
        var rosa = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(rosa, App, "Rosa Martínez", "rosa@example.org", "19107");
        await Journeys.LaunchProjectAsync(rosa, App, "Voter registration at Temple", "Register students at Temple University to vote", "19122", []);

        // The second project: while Rosa types, the first is pointed out; she launches anyway.
        await Journeys.LaunchProjectAsync(rosa, App, "Student voter registration video", "A video that gets students to register to vote", "19107",
            [("Video editor", "People", "2", "video"), ("Camera rental", "Money", "200", null)], expectSimilar: true);
        await Assertions.Expect(rosa.GetByRole(AriaRole.Link, new() { Name = "Voter registration at Temple" })).ToBeVisibleAsync();
        await Browser.ShotAsync(rosa, "10-project-page-owner");

        // Marcus, a video editor nearby, is shown the project and pledges.
        var marcus = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(marcus, App, "Marcus Green", "marcus@example.org", "19103");
        await marcus.GetByLabel("Video").CheckAsync();
        await marcus.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await marcus.GotoAsync(App.BaseUrl + "/projects");
        var forYou = marcus.GetByRole(AriaRole.Region, new() { Name = "Projects that need you" });
        await Assertions.Expect(forYou.GetByText("needs Video: your skill")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(marcus));
        await Browser.ShotAsync(marcus, "11-projects-that-need-you");
        await forYou.GetByRole(AriaRole.Link, new() { Name = "Student voter registration video" }).First.ClickAsync();
        var need = marcus.Locator("article.need").Filter(new() { HasText = "Video editor" });
        await need.GetByLabel("Note for the owners").FillAsync("I edit on weekends");
        await need.GetByRole(AriaRole.Button, new() { Name = "I'll do it" }).ClickAsync();
        await Assertions.Expect(marcus.GetByText("waiting for an owner")).ToBeVisibleAsync();

        // Rosa accepts; the progress bar moves from 0 to 1 of 2.
        await rosa.ReloadAsync();
        var bar = rosa.Locator("article.need").Filter(new() { HasText = "Video editor" }).Locator("progress");
        Assert.Equal("0", await bar.GetAttributeAsync("value"));
        await Assertions.Expect(rosa.GetByRole(AriaRole.Cell, new() { Name = "I edit on weekends" })).ToBeVisibleAsync();
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(rosa.GetByText("The pledge is accepted.")).ToBeVisibleAsync();
        Assert.Equal("1", await rosa.Locator("article.need").Filter(new() { HasText = "Video editor" }).Locator("progress").GetAttributeAsync("value"));
        await Assertions.Expect(rosa.GetByText("1 of 2 people")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(rosa));
        await Browser.ShotAsync(rosa, "12-progress-after-accept");

        await marcus.ReloadAsync();
        await Assertions.Expect(marcus.GetByText("accepted. Thank you!")).ToBeVisibleAsync();
    }
}
