using System.Collections.Concurrent;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Convention;

/// <summary>
/// The live turnout of a motion: anyone may watch (the roll's size and how many voted are public throughout); a push
/// carries numbers and the board's head, never a choice or a name.
/// </summary>
[AllowAnonymous]
public sealed class TurnoutHub(TurnoutBroadcast turnout) : Hub
{
    public const string Path = "/hubs/turnout";
    public const string UpdateMethod = "turnout";

    public static string Room(Guid motionId) => $"turnout:{motionId:N}";

    public async Task<TurnoutUpdate?> Watch(Guid motionId)
    {
        var now = await turnout.ReadAsync(motionId, Context.ConnectionAborted);
        if (now is not null) await Groups.AddToGroupAsync(Context.ConnectionId, Room(motionId), Context.ConnectionAborted);
        return now;
    }
}

/// <summary>
/// Sends turnout to the watching pages. Opening and closing push at once; ballots only mark the motion, and a pass
/// every second pushes each marked motion's numbers once: a hall voting at hundreds of ballots a second costs one
/// read and one message a second, not one per ballot.
/// </summary>
public sealed class TurnoutBroadcast(IHubContext<TurnoutHub> hub, IServiceScopeFactory scopes, ILogger<TurnoutBroadcast> log) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, byte> _marked = new();

    public void Nudge(Guid motionId) => _marked.TryAdd(motionId, 0);

    public async Task<TurnoutUpdate?> ReadAsync(Guid motionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Motions.AsNoTracking().Where(m => m.Id == motionId)
            .Select(m => new TurnoutUpdate(m.Id, m.Status, m.Roll, m.Voted, m.BoardCount, m.BoardHead)).SingleOrDefaultAsync(ct);
    }

    public async Task PushAsync(Guid motionId, CancellationToken ct)
    {
        try
        {
            if (await ReadAsync(motionId, ct) is { } update) await hub.Clients.Group(TurnoutHub.Room(motionId)).SendAsync(TurnoutHub.UpdateMethod, update, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The vote is committed; a page that missed a push shows the numbers on its next push or reload.
            log.LogWarning(e, "The turnout of motion {MotionId} could not be pushed.", motionId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var id in _marked.Keys)
                if (_marked.TryRemove(id, out _)) await PushAsync(id, stoppingToken);
    }
}

/// <summary>Closes voting windows whose set time has passed, every few seconds (a cast after the time is refused even before).</summary>
public sealed class MotionCloser(IServiceScopeFactory scopes, ILogger<MotionCloser> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Motions>().CloseDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Closing due motions failed; trying again in a few seconds.");
            }
        }
    }
}
