using System.Net;
using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

public abstract class EventPagesTests(AppFactory app)
{
    private static readonly string Start = new DateTime(DateTime.UtcNow.Year + 1, 6, 4, 19, 0, 0).ToString("yyyy-MM-ddTHH:mm");
    private static readonly string End = new DateTime(DateTime.UtcNow.Year + 1, 6, 4, 22, 0, 0).ToString("yyyy-MM-ddTHH:mm");

    private static Dictionary<string, string> Form(string title, string start, string end, string capacity = "2") => new()
    {
        ["Input.Kind"] = "HouseParty", ["Input.Title"] = title, ["Input.Description"] = "Bring a **dish**.",
        ["Input.StartsAt"] = start, ["Input.EndsAt"] = end, ["Input.TimeZone"] = "America/Chicago",
        ["Input.Address"] = "5555 S Everett Ave", ["Input.Zip"] = "60637", ["Input.Capacity"] = capacity, ["Input.GuestsAllowed"] = "1",
        ["Input.Waitlist"] = "true",
    };

    [Fact]
    public async Task A_member_hosts_through_the_form_and_a_guest_rsvps_once_however_often_the_form_is_sent()
    {
        var (host, _) = await app.MemberAsync();
        var browser = await app.BrowserAsync(host);
        var title = $"Hyde Park house party {Guid.NewGuid():N}"[..30];

        // Bad input: the form comes back with what to fix, and nothing is stored.
        var bad = await Forms.SubmitAsync(browser, "/events/new", Form(title, End, Start, capacity: "0"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = Forms.Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("The end is before the start.", badHtml);
        Assert.Contains("The capacity must be between 1 and", badHtml);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Events.AnyAsync(e => e.Title == title)));

        var created = await Forms.SubmitAsync(browser, "/events/new", Form(title, Start, End));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var hostPage = Forms.Text(await browser.GetStringAsync(url));
        Assert.True(hostPage.Contains("7:00") || hostPage.Contains("19:00"), System.Text.RegularExpressions.Regex.Match(hostPage, "<time[^>]*>[^<]*</time>").Value); // the time at the place
        Assert.Contains("Central time", hostPage);
        Assert.Contains("5555 S Everett Ave", hostPage); // the host sees the address

        // A guest: no account; the address is hidden until they have a seat.
        var guest = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = Forms.Text(await guest.GetStringAsync(url));
        Assert.DoesNotContain("5555 S Everett Ave", before);
        var key = System.Text.RegularExpressions.Regex.Match(before, "name=\"Rsvp.Key\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Rsvp.Name"] = "Gus Guest", ["Rsvp.Email"] = $"gus-{Guid.NewGuid():N}@example.org", ["Rsvp.Zip"] = "60615", ["Rsvp.Guests"] = "1", ["Rsvp.Key"] = key };
        var first = await Forms.SubmitAsync(guest, url, fields, url + "?handler=Rsvp");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var after = Forms.Text(await guest.GetStringAsync(url));
        Assert.Contains("Check your email", after);
        // The same form sent again (a double tap, a retry): still one RSVP.
        var again = await Forms.SubmitAsync(guest, url, fields, url + "?handler=Rsvp");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var count = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.CountAsync(r => r.Name == "Gus Guest" && r.Status == RsvpStatus.Confirmed));
        Assert.Equal(1, count);

        // A guest who leaves out what is needed is told what to fix.
        var missing = await Forms.SubmitAsync(guest, url, new Dictionary<string, string> { ["Rsvp.Name"] = "", ["Rsvp.Email"] = "nope", ["Rsvp.Key"] = Guid.NewGuid().ToString("N") }, url + "?handler=Rsvp");
        var missingHtml = Forms.Text(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Give your name", missingHtml);
        Assert.Contains("Enter an email address like name@example.org.", missingHtml);
    }

    [Fact]
    public async Task The_event_page_reads_in_spanish()
    {
        var (host, _) = await app.MemberAsync();
        var browser = await app.BrowserAsync(host);
        var created = await Forms.SubmitAsync(browser, "/events/new", Form($"Fiesta {Guid.NewGuid():N}"[..20], Start, End));
        var url = created.Headers.Location!.OriginalString;
        var es = Forms.Text(await app.CreateClient().GetStringAsync(url + "?culture=es"));
        Assert.Contains("Reunión en casa", es);
        Assert.Contains("hora central", es);
        Assert.Contains("Tu nombre", es);
    }
}

public sealed class EventPagesTests_Sqlite(SqliteApp app) : EventPagesTests(app), IClassFixture<SqliteApp>;
public sealed class EventPagesTests_Postgres(PostgresApp app) : EventPagesTests(app), IClassFixture<PostgresApp>;
