using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Projects;

/// <summary>
/// Two volunteers launched the same effort. One sees the other's project under "Similar projects",
/// proposes merging after a confirmation that names what moves and what is kept; the other owner
/// accepts on their phone; the needs are one project and the old address leads there.
/// </summary>
public sealed class MergeProposalTests : BrowserTest
{
    [Fact]
    public async Task A_merge_is_proposed_by_one_owner_and_accepted_by_the_other()
    {
        var rosa = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(rosa, App, "Rosa Martínez", "rosa@example.org", "19107");
        await Journeys.LaunchProjectAsync(rosa, App, "Kensington mural", "Paint a mural with the neighbors", "19125", [("Painters", "People", "4", "design")]);
        var rosas = rosa.Url;

        var ben = await Journeys.NewPageAsync(Chromium, width: 390, height: 844);
        await Journeys.SignUpAndConfirmAsync(ben, App, "Ben Okafor", "ben@example.org", "19125");
        await Journeys.LaunchProjectAsync(ben, App, "Fishtown mural", "Paint a mural with neighbors on Girard Avenue", "19125", [("Paint", "Money", "300", null)]);
        var bens = ben.Url;

        // Rosa's page points out Ben's project as similar, and offers to propose merging.
        await rosa.GotoAsync(rosas);
        var similar = rosa.GetByRole(AriaRole.Region, new() { Name = "Similar projects" });
        await Assertions.Expect(similar.GetByRole(AriaRole.Link, new() { Name = "Fishtown mural" })).ToBeVisibleAsync();
        await similar.GetByRole(AriaRole.Link, new() { Name = "Propose merging" }).ClickAsync();
        await Assertions.Expect(rosa.GetByRole(AriaRole.Heading, new() { Name = "Merge two projects" })).ToBeVisibleAsync();
        await Assertions.Expect(rosa.GetByText("Moves into it from \"Kensington mural\":").First).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(rosa));
        await Browser.ShotAsync(rosa, "30-merge-confirmation");
        await rosa.GetByLabel("Keep \"Fishtown mural\"").CheckAsync();
        await rosa.GetByLabel("A note for the other owners").FillAsync("Same wall, same idea: let's paint it together.");
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Propose the merge" }).ClickAsync();
        await Assertions.Expect(rosa.GetByText("Waiting for an owner of the other project to answer.")).ToBeVisibleAsync();

        // Ben, on his phone, finds the proposal on his project and accepts it.
        await ben.GotoAsync(bens);
        await ben.GetByRole(AriaRole.Link, new() { Name = "See and answer" }).ClickAsync();
        await Assertions.Expect(ben.GetByText("Same wall, same idea")).ToBeVisibleAsync();
        await Assertions.Expect(ben.GetByText("1 need", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(ben));
        Assert.True(await ben.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await Browser.ShotAsync(ben, "31-merge-proposal-phone");
        await ben.GetByRole(AriaRole.Button, new() { Name = "Accept and merge" }).ClickAsync();
        await Assertions.Expect(ben.GetByRole(AriaRole.Heading, new() { Name = "Fishtown mural" })).ToBeVisibleAsync();
        await Assertions.Expect(ben.Locator("article.need").Filter(new() { HasText = "Painters" })).ToBeVisibleAsync();

        // Rosa's old address leads to the one project.
        await rosa.GotoAsync(rosas);
        await Assertions.Expect(rosa.GetByRole(AriaRole.Heading, new() { Name = "Fishtown mural", Level = 1 })).ToBeVisibleAsync();
    }
}
