using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Grassroots.Features.Events;

/// <summary>What every open check-in page of an event hears after a change: the numbers, and who changed.</summary>
public sealed record CheckInUpdate(Guid EventId, CheckInCounts Counts, AttendeeView? Changed);

/// <summary>
/// The live count of the check-in page. A page asks to <see cref="Watch"/> an event; only its hosts (the
/// same policy as every check-in) are added to a room of their own for that event, anyone else gets nothing
/// and hears nothing. Each push goes to the rooms of the people who host the event *then*, so a co-host
/// removed (or an account deleted) stops hearing at once, even on a connection opened before.
/// </summary>
[Authorize]
public sealed class CheckInHub(Access access, Attendees attendees) : Hub
{
    public const string Path = "/hubs/checkin";
    /// <summary>The client method every update is sent to.</summary>
    public const string UpdateMethod = "counts";

    public static string Room(Guid eventId, Guid memberId) => $"checkin:{eventId:N}:{memberId:N}";

    /// <summary>Joins the event's room and answers its numbers now; null (and no room) for anyone who does not host it.</summary>
    public async Task<CheckInCounts?> Watch(Guid eventId)
    {
        if (await access.CheckAsync(Context.User!, new EventResource(eventId), EventPolicies.Host) is not { Kind: OutcomeKind.Ok }) return null;
        await Groups.AddToGroupAsync(Context.ConnectionId, Room(eventId, Context.User!.RequiredMemberId()), Context.ConnectionAborted);
        return await attendees.CountsAsync(eventId, Context.ConnectionAborted);
    }
}

/// <summary>Sends an event's new numbers to its open check-in pages, from the API and the page form alike.</summary>
public sealed class CheckInBroadcast(IHubContext<CheckInHub> hub, Attendees attendees, AppDbContext db, ILogger<CheckInBroadcast> log)
{
    public async Task<CheckInCounts> PushAsync(Guid eventId, AttendeeView? changed, CancellationToken ct)
    {
        var counts = await attendees.CountsAsync(eventId, ct);
        try
        {
            // Who hosts it now (the policy's rule, read again): only their rooms hear the names.
            var hosts = await EventPolicies.HostsOf(db, eventId).Distinct().ToListAsync(ct);
            await hub.Clients.Groups(hosts.Select(id => CheckInHub.Room(eventId, id)).ToList()).SendAsync(CheckInHub.UpdateMethod, new CheckInUpdate(eventId, counts, changed), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The check-in is committed; a page that missed the push shows the right numbers on its next action or reload.
            log.LogWarning(ex, "The check-in count of event {EventId} could not be pushed.", eventId);
        }
        return counts;
    }
}
