using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Grassroots.Features.Events;

/// <summary>What every open check-in page of an event hears after a change: the numbers, and who changed.</summary>
public sealed record CheckInUpdate(Guid EventId, CheckInCounts Counts, AttendeeView? Changed);

/// <summary>
/// The live count of the check-in page. A page asks to <see cref="Watch"/> an event; only its hosts (the
/// same policy as every check-in) are added to the event's room, anyone else gets nothing and hears nothing.
/// </summary>
[Authorize]
public sealed class CheckInHub(Access access, Attendees attendees) : Hub
{
    public const string Path = "/hubs/checkin";
    /// <summary>The client method every update is sent to.</summary>
    public const string UpdateMethod = "counts";

    public static string Room(Guid eventId) => $"checkin:{eventId:N}";

    /// <summary>Joins the event's room and answers its numbers now; null (and no room) for anyone who does not host it.</summary>
    public async Task<CheckInCounts?> Watch(Guid eventId)
    {
        if (await access.CheckAsync(Context.User!, new EventResource(eventId), EventPolicies.Host) is not { Kind: OutcomeKind.Ok }) return null;
        await Groups.AddToGroupAsync(Context.ConnectionId, Room(eventId), Context.ConnectionAborted);
        return await attendees.CountsAsync(eventId, Context.ConnectionAborted);
    }
}

/// <summary>Sends an event's new numbers to its open check-in pages, from the API and the page form alike.</summary>
public sealed class CheckInBroadcast(IHubContext<CheckInHub> hub, Attendees attendees, ILogger<CheckInBroadcast> log)
{
    public async Task<CheckInCounts> PushAsync(Guid eventId, AttendeeView? changed, CancellationToken ct)
    {
        var counts = await attendees.CountsAsync(eventId, ct);
        try
        {
            await hub.Clients.Group(CheckInHub.Room(eventId)).SendAsync(CheckInHub.UpdateMethod, new CheckInUpdate(eventId, counts, changed), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The check-in is committed; a page that missed the push shows the right numbers on its next action or reload.
            log.LogWarning(ex, "The check-in count of event {EventId} could not be pushed.", eventId);
        }
        return counts;
    }
}
