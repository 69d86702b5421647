using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Messages;

/// <summary>
/// The owner hears of a pledge, accepts it and writes to the volunteer, who replies privately on the site;
/// an organizer invites by link, and a visitor who opens it signs up and is a member.
/// </summary>
public sealed class ConversationsTests : BrowserTest
{
    [Fact]
    public async Task The_owner_writes_to_the_volunteer_who_replies()
    {
        var rosa = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(rosa, App, "Rosa Martínez", "rosa@example.org", "19107");
        await Journeys.LaunchProjectAsync(rosa, App, "Mural on Fifth Street", "Paint a mural with the neighbors", "19107", [("Painters", "People", "4", "design")]);
        var projectUrl = rosa.Url;

        var marcus = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(marcus, App, "Marcus Green", "marcus@example.org", "19103");
        await marcus.GotoAsync(projectUrl);
        await marcus.Locator("article.need").Filter(new() { HasText = "Painters" }).GetByRole(AriaRole.Button, new() { Name = "I'll do it" }).ClickAsync();
        await Assertions.Expect(marcus.GetByText("waiting for an owner")).ToBeVisibleAsync();

        await rosa.ReloadAsync();
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(rosa.GetByText("The pledge is accepted.")).ToBeVisibleAsync();

        // Rosa writes to the painters, from the project page.
        await rosa.GotoAsync(projectUrl);
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Write to the volunteers" }).ClickAsync();
        await rosa.GetByLabel("To").SelectOptionAsync(new SelectOptionValue { Label = "The accepted volunteers for “Painters”" });
        await rosa.GetByLabel("Subject").FillAsync("Paint day on Saturday");
        await rosa.GetByLabel("Message").FillAsync("We start at **9am**. Bring old clothes.");
        Assert.Empty(await Browser.AxeViolationsAsync(rosa));
        await Browser.ShotAsync(rosa, "30-write-to-volunteers");
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(rosa.GetByText("Your message is on its way to 1 volunteer.")).ToBeVisibleAsync();
        var messageUrl = rosa.Url;

        // Marcus gets it by email (HTML and text, a relay Reply-To is added only when a relay domain is set) and replies on the site.
        var mail = await App.Smtp.WaitForAsync("marcus@example.org", m => m.Subject?.Contains("Paint day on Saturday") == true);
        Assert.Contains("<strong>9am</strong>", mail.HtmlBody);
        Assert.DoesNotContain("rosa@example.org", mail.ToString());
        await marcus.GotoAsync(messageUrl);
        await Assertions.Expect(marcus.GetByRole(AriaRole.Heading, new() { Name = "Paint day on Saturday" })).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(marcus));
        await Browser.ShotAsync(marcus, "31-message-as-volunteer");
        await marcus.GetByRole(AriaRole.Button, new() { Name = "Reply privately to Rosa" }).ClickAsync();
        await marcus.GetByLabel("Your reply to Rosa").FillAsync("I'll be there, and I can bring ladders.");
        await marcus.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(marcus.GetByText("Your reply is on its way.")).ToBeVisibleAsync();
        await Assertions.Expect(marcus.GetByText("I can bring ladders")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(marcus));
        await Browser.ShotAsync(marcus, "32-thread-as-volunteer");

        // Rosa hears of it by email, without Marcus's address, and reads the thread on the site.
        var reply = await App.Smtp.WaitForAsync("rosa@example.org", m => m.Subject?.StartsWith("Re:") == true);
        Assert.Contains("I can bring ladders", reply.TextBody);
        Assert.DoesNotContain("marcus@example.org", reply.ToString());
        await rosa.GotoAsync(messageUrl);
        await rosa.GetByRole(AriaRole.Link, new() { Name = "Marcus" }).ClickAsync();
        await Assertions.Expect(rosa.GetByText("I can bring ladders")).ToBeVisibleAsync();
        await Browser.ShotAsync(rosa, "33-thread-as-owner");
    }

    [Fact]
    public async Task An_organizer_invites_by_link_and_a_visitor_signs_up_and_joins()
    {
        var ana = await Journeys.NewPageAsync(Chromium);
        await Journeys.SignUpAndConfirmAsync(ana, App, "Ana Torres", "ana@example.org", "19107");
        await Journeys.FoundGroupAsync(ana, App, "Fishtown Tenants", "19125", "Tenants who **organize**.");
        var link = await ana.Locator("#invite-link").InputValueAsync();
        Assert.Contains("?by=", link);
        await ana.GetByRole(AriaRole.Button, new() { Name = "Copy the link" }).ClickAsync();
        await Assertions.Expect(ana.GetByRole(AriaRole.Button, new() { Name = "Copied!" })).ToBeVisibleAsync();
        Assert.StartsWith("mailto:?subject=", await ana.GetByRole(AriaRole.Button, new() { Name = "Invite by email" }).GetAttributeAsync("href"));
        Assert.Empty(await Browser.AxeViolationsAsync(ana));
        await Browser.ShotAsync(ana, "34-invite-panel");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Print a flyer with a QR code" }).ClickAsync();
        await Assertions.Expect(ana.Locator(".qr svg")).ToBeVisibleAsync();
        await Assertions.Expect(ana.GetByText(link)).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(ana));
        await Browser.ShotAsync(ana, "35-flyer");

        // A visitor opens the link, signs up from the welcome and comes back to join.
        var lee = await Journeys.NewPageAsync(Chromium);
        await lee.GotoAsync(link);
        await Assertions.Expect(lee.GetByRole(AriaRole.Heading, new() { Name = "Ana invited you to join Fishtown Tenants" })).ToBeVisibleAsync();
        Assert.Empty(await Browser.AxeViolationsAsync(lee));
        await Browser.ShotAsync(lee, "36-invite-welcome");
        await lee.GetByRole(AriaRole.Button, new() { Name = "Sign up to join" }).ClickAsync();
        await Journeys.SignUpAsync(lee, "Lee Park", "lee@example.org", "19125");
        await Journeys.ConfirmAsync(lee, App, "lee@example.org");
        await Assertions.Expect(lee.GetByRole(AriaRole.Heading, new() { Name = "Ana invited you to join Fishtown Tenants" })).ToBeVisibleAsync();
        await lee.GetByRole(AriaRole.Button, new() { Name = "Join Fishtown Tenants" }).ClickAsync();
        await Assertions.Expect(lee.GetByText("You are a member")).ToBeVisibleAsync();

        await ana.GotoAsync(link.Split('?')[0]);
        await Assertions.Expect(ana.GetByText("2 members").First).ToBeVisibleAsync();
    }
}
