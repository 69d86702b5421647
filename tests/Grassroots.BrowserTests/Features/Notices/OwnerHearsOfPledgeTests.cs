using System.Text.RegularExpressions;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Notices;

/// <summary>
/// People hear back, in real Chromium: a neighbor pledges to Rosa's project; Rosa's bell counts it, her
/// notices page lists it and opening it takes her to the project; the email she got links there too and
/// its one-click unsubscribe link asks before it stops that kind of email.
/// </summary>
public sealed class OwnerHearsOfPledgeTests : BrowserTest
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Notices__PollInterval"] = "00:00:00.200" };

    [Fact]
    public async Task The_owner_hears_of_a_pledge_on_the_bell_the_notices_page_and_by_email()
    {
        var rosa = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(rosa, App, "Rosa Martínez", "rosa@example.org", "19107");
        await Journeys.LaunchProjectAsync(rosa, App, "Tool library in Fishtown", "Lend tools to neighbors for free", null, [("Librarians", "People", "2", null)]);
        var projectUrl = rosa.Url;
        var bell = rosa.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notices") });
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync(new Regex("no unread notices"));

        var marcus = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(marcus, App, "Marcus Green", "marcus@example.org", "19103");
        await marcus.GotoAsync(projectUrl);
        await marcus.Locator("article.need").Filter(new() { HasText = "Librarians" }).GetByRole(AriaRole.Button, new() { Name = "I'll do it" }).ClickAsync();
        await Assertions.Expect(marcus.GetByText("waiting for an owner")).ToBeVisibleAsync();

        await rosa.ReloadAsync();
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync(new Regex("1 unread notice"));
        await Assertions.Expect(bell.Locator(".badge")).ToHaveTextAsync("1");
        await bell.ClickAsync();
        var notice = rosa.GetByRole(AriaRole.Link, new() { Name = "Marcus pledged to \"Librarians\" of \"Tool library in Fishtown\"" });
        await Assertions.Expect(notice).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(rosa));
        await Browser.ShotAsync(rosa, "20-notices-page");
        await notice.ClickAsync();
        await Assertions.Expect(rosa.GetByRole(AriaRole.Heading, new() { Name = "Pledges to answer" })).ToBeInViewportAsync();
        Assert.Equal(projectUrl + "#pledges", rosa.Url);
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync(new Regex("no unread notices"));

        // The email: its link goes to the project; its unsubscribe link asks first (a scanner's GET changes nothing).
        var mail = await App.Smtp.WaitForAsync("rosa@example.org", m => m.Subject?.Contains("pledged") == true);
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/projects/\S+").Value;
        var reader = await Journeys.NewPageAsync(Chromium);
        await reader.GotoAsync(link);
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Tool library in Fishtown" })).ToBeVisibleAsync();
        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        await reader.GotoAsync(unsubscribe);
        await Assertions.Expect(reader.GetByText("Stop emails about \"Someone pledged to a need of a project I run\"?")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(reader));
        await reader.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Assertions.Expect(reader.GetByText("Done: no more emails about")).ToBeVisibleAsync();

        await rosa.GotoAsync(App.BaseUrl + "/me/notices/settings");
        await Assertions.Expect(rosa.GetByLabel("Someone pledged to a need of a project I run")).ToHaveValueAsync("Never");
        await Browser.ShotAsync(rosa, "21-notice-settings");
    }
}
