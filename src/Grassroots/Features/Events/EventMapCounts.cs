using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Events;

/// <summary>
/// The map's unfiltered view (every listed, placed, upcoming event) as counts per point, kept in memory: one
/// pass over the partial index IX_events_listed every <see cref="EventMapOptions.MapCountsSeconds"/>, so a
/// viewport over 100,000 events sums a few thousand points instead of reading 100,000 index entries
/// (bench/results/2026-11-26-events-perf.md). Events sit at their ZIP's centroid, so there are at most ~33,000
/// points whatever the number of events. A stale snapshot is served while the next one is counted in the
/// background: counts are at most MapCountsSeconds plus one pass old. Filtered views are counted in SQL.
/// </summary>
public sealed class EventMapCounts(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EventMapOptions> options, ILogger<EventMapCounts> log)
{
    /// <summary>Events at one point (all in one grid cell).</summary>
    public readonly record struct Point(double Lat, double Lng, int Cell, int Count);

    private sealed record Snapshot(DateTimeOffset CountedAt, Point[] Points);

    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _refreshing;

    public async Task<Point[]> PointsAsync(CancellationToken ct)
    {
        var maxAge = TimeSpan.FromSeconds(Math.Max(0, options.Value.MapCountsSeconds));
        var s = _current;
        if (s is not null && clock.GetUtcNow() - s.CountedAt < maxAge) return s.Points;
        if (s is not null && maxAge > TimeSpan.Zero)
        {
            // Old: answer with it now, count again once in the background (one pass at a time).
            if (Interlocked.Exchange(ref _refreshing, 1) == 0)
                _ = Task.Run(async () =>
                {
                    try { await CountAsync(maxAge, CancellationToken.None); }
                    catch (Exception ex) { log.LogWarning(ex, "Counting the map's events failed; the old counts stay."); }
                    finally { Volatile.Write(ref _refreshing, 0); }
                }, CancellationToken.None);
            return s.Points;
        }
        return await CountAsync(maxAge, ct);
    }

    /// <summary>
    /// The counts if having them costs nothing now: the current snapshot (a recount started in the background if
    /// it is old), or null while there is none yet (one is started); with MapCountsSeconds = 0, counted now.
    /// </summary>
    public async ValueTask<Point[]?> PointsIfReadyAsync(CancellationToken ct)
    {
        if (options.Value.MapCountsSeconds <= 0 || _current is not null) return await PointsAsync(ct);
        if (Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = Task.Run(async () =>
            {
                try { await CountAsync(TimeSpan.FromSeconds(options.Value.MapCountsSeconds), CancellationToken.None); }
                catch (Exception ex) { log.LogWarning(ex, "Counting the map's events failed; the old counts stay."); }
                finally { Volatile.Write(ref _refreshing, 0); }
            }, CancellationToken.None);
        return null;
    }

    private async Task<Point[]> CountAsync(TimeSpan maxAge, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Someone else counted while this one waited.
            if (_current is { } s && maxAge > TimeSpan.Zero && clock.GetUtcNow() - s.CountedAt < maxAge) return s.Points;
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<EventSearch>();
            var all = new EventSearch.Criteria(null, EventSearch.DefaultMiles, null, null, null, null, null, OnlineEvents.Exclude, false, 1, 1);
            var points = await EventMap.Placed(search.Listed(all, now))
                .GroupBy(e => new { Cell = e.Cell!.Value, Lat = e.Latitude!.Value, Lng = e.Longitude!.Value })
                .Select(g => new Point(g.Key.Lat, g.Key.Lng, g.Key.Cell, g.Count()))
                .ToArrayAsync(ct);
            _current = new Snapshot(now, points);
            return points;
        }
        finally { _gate.Release(); }
    }
}
