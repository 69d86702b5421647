using System.Text.RegularExpressions;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Groups;

/// <summary>
/// The first story end to end in real Chromium: a new user signs up, confirms by the email that
/// arrived at the SMTP server, founds a group; a second user finds it near their ZIP and joins;
/// the organizer sees them.
/// </summary>
public sealed class FoundAndJoinGroupTests : BrowserTest
{
    [Fact]
    public async Task A_volunteer_founds_a_group_and_a_neighbor_finds_and_joins_it()
    {
        // Rosa signs up and confirms by email.
        var rosa = await NewPageAsync();
        await SignUpAndConfirmAsync(rosa, "Rosa Martínez", "rosa@example.org", "19107", "01-signup");
        await Browser.ShotAsync(rosa, "02-confirmed-profile");

        // She founds a chapter, no approval needed.
        await rosa.GotoAsync(App.BaseUrl + "/groups/new");
        await rosa.GetByLabel("Name").FillAsync("South Philly for Medicare for All");
        await rosa.GetByRole(AriaRole.Radio, new() { Name = "Chapter" }).CheckAsync();
        await rosa.GetByLabel("ZIP code").FillAsync("19147");
        await rosa.GetByLabel("Description").FillAsync("We **canvass** every Saturday.\n\n- house parties\n- phone banks");
        await Browser.ShotAsync(rosa, "03-new-group");
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Start the group" }).ClickAsync();
        await Expect(rosa.GetByRole(AriaRole.Heading, new() { Name = "South Philly for Medicare for All" })).ToBeVisibleAsync();
        await Expect(rosa.GetByText("You are an organizer")).ToBeVisibleAsync();
        await Browser.ShotAsync(rosa, "04-group-page-organizer");

        // Marcus, a neighbor, signs up and searches near his ZIP.
        var marcus = await NewPageAsync();
        await SignUpAndConfirmAsync(marcus, "Marcus Green", "marcus@example.org", "19103", null);
        await marcus.GotoAsync(App.BaseUrl + "/groups");
        await marcus.GetByLabel("Near ZIP code").FillAsync("19103");
        await marcus.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var result = marcus.GetByRole(AriaRole.Link, new() { Name = "South Philly for Medicare for All" });
        await Expect(result).ToBeVisibleAsync();
        await Expect(marcus.GetByText(new Regex(@"\d+(\.\d)? mi away"))).ToBeVisibleAsync();
        await Browser.ShotAsync(marcus, "05-directory-near-zip");
        await result.ClickAsync();
        await marcus.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();
        await Expect(marcus.GetByText("You are a member")).ToBeVisibleAsync();

        // Rosa sees Marcus (first name only: his default privacy).
        await rosa.ReloadAsync();
        await Expect(rosa.GetByText("2 members").First).ToBeVisibleAsync();
        await rosa.GotoAsync(rosa.Url + "/members");
        await Expect(rosa.GetByRole(AriaRole.Link, new() { Name = "Marcus", Exact = true })).ToBeVisibleAsync();
        await Expect(rosa.GetByText("Marcus Green")).ToHaveCountAsync(0);
        await Browser.ShotAsync(rosa, "06-members-as-organizer");
    }

    private Task<IPage> NewPageAsync() => Journeys.NewPageAsync(Chromium);

    private Task SignUpAndConfirmAsync(IPage page, string name, string email, string zip, string? shot) =>
        Journeys.SignUpAndConfirmAsync(page, App, name, email, zip, shot);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
