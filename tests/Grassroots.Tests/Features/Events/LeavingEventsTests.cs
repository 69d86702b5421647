using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Events;

/// <summary>An account deleted: its places go to the people waiting, its name leaves the lists, its events are called off.</summary>
public abstract class LeavingEventsTests(AppFactory app)
{
    private static readonly DateTime NextYear = new(DateTime.UtcNow.Year + 1, 6, 4, 19, 0, 0);

    private static object Party(int? capacity) => new
    {
        kind = "HouseParty", title = "House party", startsAt = NextYear, endsAt = NextYear.AddHours(3),
        timeZone = "America/Chicago", zip = "60615", address = "5700 S Dorchester Ave", capacity, waitlist = true,
    };

    [Fact]
    public async Task A_deleted_member_frees_their_place_leaves_no_name_and_their_own_event_is_called_off()
    {
        var (_, host) = await app.MemberAsync();
        var hosted = (await (await host.PostAsJsonAsync("/api/events", Party(1))).Content.ReadFromJsonAsync<EventView>())!;
        var (leaver, leaving) = await app.MemberAsync("Lea Leaving");
        Assert.Equal(HttpStatusCode.Created, (await leaving.PostAsJsonAsync($"/api/events/{hosted.Id}/rsvps", new { })).StatusCode);
        var waiting = $"w{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{hosted.Id}/rsvps", new { name = "Wendy Waiting", email = waiting })).StatusCode);
        var own = (await (await leaving.PostAsJsonAsync("/api/events", Party(10))).Content.ReadFromJsonAsync<EventView>())!;
        var guest = $"g{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{own.Id}/rsvps", new { name = "Gil Guest", email = guest })).StatusCode);

        var export = JsonDocument.Parse(await leaving.GetStringAsync("/api/me/export"));
        Assert.Equal(hosted.Id, export.RootElement.GetProperty("rsvps")[0].GetProperty("eventId").GetGuid());
        Assert.Equal(own.Id, export.RootElement.GetProperty("hostedEvents")[0].GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync("/api/me")).StatusCode);

        await app.Smtp.WaitForAsync(waiting, m => (m.Subject ?? "").Contains("opened up"));
        await app.Smtp.WaitForAsync(guest, m => (m.Subject ?? "").StartsWith("Cancelled"));
        var (rows, ownStatus) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Rsvps.AsNoTracking().Where(r => r.EventId == hosted.Id).ToListAsync(),
                await db.Events.Where(e => e.Id == own.Id).Select(e => e.Status).SingleAsync());
        });
        Assert.DoesNotContain(rows, r => r.Name == "Lea Leaving" || r.MemberId == leaver.Id || r.Email == leaver.Email);
        Assert.Equal(RsvpStatus.Confirmed, rows.Single(r => r.Name == "Wendy Waiting").Status);
        Assert.Equal(EventStatus.Cancelled, ownStatus);
        Assert.Equal(1, (await host.GetFromJsonAsync<EventView>($"/api/events/{hosted.Id}"))!.Counts.Confirmed);
    }
    [Fact]
    public async Task What_a_member_rsvped_as_a_guest_with_their_proved_address_goes_with_the_account()
    {
        var (_, host) = await app.MemberAsync();
        var party = (await (await host.PostAsJsonAsync("/api/events", Party(10))).Content.ReadFromJsonAsync<EventView>())!;
        var (leaver, leaving) = await app.MemberAsync("Dana Deleting");
        // Signed out, with the account's own (confirmed) address: a guest row, no member on it.
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/events/{party.Id}/rsvps", new { name = "Dana D.", email = leaver.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync("/api/me")).StatusCode);
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Rsvps.AsNoTracking().Where(r => r.EventId == party.Id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(("—", "", RsvpStatus.Cancelled), (row.Name, row.Email, row.Status));
        Assert.Equal(0, (await host.GetFromJsonAsync<EventView>($"/api/events/{party.Id}"))!.Counts.Confirmed);
    }
}

public sealed class LeavingEventsTests_Sqlite(SqliteApp app) : LeavingEventsTests(app), IClassFixture<SqliteApp>;
public sealed class LeavingEventsTests_Postgres(PostgresApp app) : LeavingEventsTests(app), IClassFixture<PostgresApp>;
