using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Events;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Convention;

internal static class EventsHelper
{
    /// <summary>An event the client hosts (the venue of an assembly), starting in half an hour (its door is open); its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient host)
    {
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(30);
        var response = await host.PostAsJsonAsync("/api/events", new
        {
            kind = "Rally", title = "The People's Convention hall", startsAt = start, endsAt = start.AddHours(8),
            timeZone = "Etc/UTC", zip = "19107", address = "1101 Arch St", capacity = 5000,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<EventView>())!.Id;
    }
}

internal static class BulkMembers
{
    /// <summary>Many confirmed members, each with a signed-in API client of their own address; made a few at a time.</summary>
    public static async Task<List<(Guid Id, HttpClient Client)>> CreateAsync(AppFactory app, int n)
    {
        var made = new List<(Guid, HttpClient)>(n);
        for (var i = 0; i < n; i += 16)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(16, n - i)).Select(j => app.MemberAsync($"Delegate {j}")));
            made.AddRange(batch.Select(b => (b.Member.Id, b.Client)));
        }
        return made;
    }
}
