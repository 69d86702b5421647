using System.Diagnostics;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Convention;

/// <summary>
/// Issue 16's story in real Chromium: an organizer starts an assembly at a venue with a live stream; one delegate
/// registers in person and is checked in at the door, another registers remotely on a phone in Spanish; the chair
/// writes and opens a vote; both vote on the same page and keep their receipts; the chair's open page sees the
/// turnout move without reloading; the chair closes; the result shows, the in-person delegate finds her tracker on
/// the board with her choice, and the project's own `verify` recomputes the result from the audit file. Every page
/// checked with axe and for sideways scrolling, and shot.
/// </summary>
public sealed class ConventionStoryTests : BrowserTest
{
    [Fact]
    public async Task A_chair_opens_a_vote_two_delegates_vote_in_the_hall_and_at_home_and_anyone_can_verify_the_count()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        Task CheckAsync(IPage page, string shot) => Browser.CheckPageAsync(page, "convention/" + shot, problems);

        // 1. The organizer makes the venue (an event starting in half an hour: its door is open) and the assembly.
        var chairContext = await Chromium.NewContextAsync(1280, 900, "en", errors: consoleErrors);
        var chair = await chairContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(chair, App, "Ana Torres", "ana@example.org", "19107");
        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(30), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await chair.GotoAsync(App.BaseUrl + "/events/new");
        await chair.GetByLabel("Title").FillAsync("People's Convention hall");
        await chair.GetByLabel("Starts").FillAsync(start.ToString("yyyy-MM-ddTHH:mm"));
        await chair.GetByLabel("Ends").FillAsync(start.AddHours(8).ToString("yyyy-MM-ddTHH:mm"));
        await chair.GetByLabel("Street address").FillAsync("1101 Arch St");
        await chair.GetByLabel("ZIP code").FillAsync("19107");
        await chair.GetByLabel("Capacity").FillAsync("500");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "People's Convention hall" })).ToBeVisibleAsync();
        var eventUrl = chair.Url;

        await chair.GotoAsync(App.BaseUrl + "/assemblies/new");
        await chair.GetByLabel("Name", new() { Exact = true }).FillAsync("The People's Convention");
        await chair.GetByLabel("Starts").FillAsync(start.ToString("yyyy-MM-ddTHH:mm"));
        await chair.GetByLabel("Ends").FillAsync(start.AddHours(8).ToString("yyyy-MM-ddTHH:mm"));
        await chair.GetByLabel("Venue: an event you host").SelectOptionAsync(new SelectOptionValue { Label = "People's Convention hall" });
        await chair.GetByLabel("Live stream address (optional)").FillAsync("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        await CheckAsync(chair, "new-assembly");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the assembly" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "The People's Convention", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(chair.Locator("iframe[src^='https://www.youtube-nocookie.com/embed/']")).ToHaveCountAsync(1);
        var assemblyUrl = chair.Url;
        await CheckAsync(chair, "assembly");

        // 2. A delegate in the hall registers in person (and is on the venue's list); the chair checks her in at the door.
        var hallContext = await Chromium.NewContextAsync(390, 844, "en", errors: consoleErrors);
        var hall = await hallContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(hall, App, "Ines Ortiz", "ines@example.org", "19104");
        await hall.GotoAsync(assemblyUrl);
        await hall.GetByLabel("In person").CheckAsync();
        await hall.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(hall.GetByText("You are not credentialed yet.")).ToBeVisibleAsync();
        await chair.GotoAsync(eventUrl + "/checkin");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Check in Ines Ortiz" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Undo check-in of Ines Ortiz" })).ToBeVisibleAsync();
        await hall.ReloadAsync();
        await Assertions.Expect(hall.GetByText("You are credentialed to vote.")).ToBeVisibleAsync();
        await CheckAsync(hall, "assembly-phone");

        // 3. A delegate at home, on a phone, in Spanish, registers remotely: her confirmed account credentials her.
        var homeContext = await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors);
        var home = await homeContext.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(home, App, "Luisa Pérez", "luisa@example.org", "19103");
        await home.GotoAsync(assemblyUrl);
        await home.GetByRole(AriaRole.Button, new() { Name = "Inscribirme" }).ClickAsync();
        await Assertions.Expect(home.GetByText("Tienes acreditación para votar.")).ToBeVisibleAsync();
        await CheckAsync(home, "assembly-es-phone");

        // 4. The chair writes a motion in the chair's room and opens voting.
        await chair.GotoAsync(assemblyUrl + "/chair");
        await chair.GetByLabel("Title").FillAsync("Adopt the convention rules");
        await CheckAsync(chair, "chair-room");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Write the motion" }).ClickAsync();
        await Assertions.Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Motion 1: Adopt the convention rules" })).ToBeVisibleAsync();
        var motionUrl = chair.Url;
        await chair.GetByRole(AriaRole.Button, new() { Name = "Open voting" }).ClickAsync();
        await Assertions.Expect(chair.Locator("[data-voted]")).ToHaveTextAsync("0");
        await Assertions.Expect(chair.Locator("[data-roll]")).ToHaveTextAsync("2");

        // 5. Both vote on the same page; each keeps a receipt. The chair's page counts without reloading.
        await hall.GotoAsync(motionUrl);
        await hall.GetByLabel("Yes").CheckAsync();
        await CheckAsync(hall, "ballot-phone");
        await hall.GetByRole(AriaRole.Button, new() { Name = "Cast my ballot" }).ClickAsync();
        await Assertions.Expect(hall.GetByRole(AriaRole.Heading, new() { Name = "Your receipt" })).ToBeVisibleAsync();
        var tracker = (await hall.Locator("#receipt code.tracker").InnerTextAsync()).Replace(" ", "");
        await CheckAsync(hall, "receipt-phone");
        await Assertions.Expect(chair.Locator("[data-voted]")).ToHaveTextAsync("1");

        await home.GotoAsync(motionUrl);
        await home.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await CheckAsync(home, "ballot-es-phone");
        await home.GetByRole(AriaRole.Button, new() { Name = "Emitir mi voto" }).ClickAsync();
        await Assertions.Expect(home.GetByRole(AriaRole.Heading, new() { Name = "Tu comprobante" })).ToBeVisibleAsync();
        await CheckAsync(home, "receipt-es-phone");
        await Assertions.Expect(chair.Locator("[data-voted]")).ToHaveTextAsync("2");
        await Assertions.Expect(chair.GetByText("The result is counted when voting closes")).ToBeVisibleAsync();

        // 6. The chair closes; the result shows; the in-person delegate finds her ballot on the board.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close voting and count" }).ClickAsync();
        await Assertions.Expect(chair.GetByText("The motion did not pass.")).ToBeVisibleAsync();
        await CheckAsync(chair, "result");
        await hall.GotoAsync(motionUrl + "/board");
        await hall.GetByLabel("Find your tracker").FillAsync(tracker);
        await hall.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(hall.Locator(".board tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(hall.Locator(".board tbody tr code").Last).ToHaveTextAsync("yes");
        await CheckAsync(hall, "board-phone");
        await home.GotoAsync(motionUrl);
        await CheckAsync(home, "result-es-phone");

        // 7. Anyone downloads the audit file and recomputes the result with the project's own command.
        var slug = new Uri(assemblyUrl).AbsolutePath.Split('/')[2];
        var audit = await chair.APIRequest.GetAsync($"{App.BaseUrl}/api/assemblies/{slug}/motions/1/audit");
        Assert.True(audit.Ok);
        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, await audit.BodyAsync());
        var dll = Path.Combine(RunningApp.RepoRoot, "src", "Grassroots", "bin", RunningApp.Configuration, "net10.0", "Grassroots.dll");
        using var verify = Process.Start(new ProcessStartInfo("dotnet", [dll, "verify", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await verify.StandardOutput.ReadToEndAsync();
        await verify.WaitForExitAsync();
        Assert.True(verify.ExitCode == 0, output + await verify.StandardError.ReadToEndAsync());
        Assert.Contains("ok    The recount equals the published result", output);
        Assert.Contains("Yes 1, no 1, abstain 0", output);

        Assert.Empty(problems);
        Assert.Empty(consoleErrors);
    }
}
