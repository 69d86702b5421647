using System.Globalization;
using System.Linq.Expressions;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>A map viewport (south-west and north-east corners, as Leaflet's getBounds gives them) and its zoom.</summary>
public sealed record MapQuery
{
    public string? South { get; init; }
    public string? West { get; init; }
    public string? North { get; init; }
    public string? East { get; init; }
    public string? Zoom { get; init; }
}

/// <summary>Many events drawn as one marker: how many, and the middle of their ZIP centroids.</summary>
public sealed record MapCluster(double Lat, double Lng, int Count);

/// <summary>One event on the map, at its ZIP's centroid (never its address).</summary>
public sealed record MapEvent(Guid Id, string Slug, string Title, EventKind Kind, DateTimeOffset StartsAt, DateTime StartsLocal, string TimeZone,
    double Lat, double Lng, string? City, string? State);

/// <summary>
/// What the map draws for a viewport: clusters counted on the grid (a coarser cell the further out one
/// zooms), or, when few events are in view, the events themselves. <see cref="Total"/> = the events in view.
/// </summary>
public sealed record MapData(int Total, IReadOnlyList<MapCluster> Clusters, IReadOnlyList<MapEvent> Events);

public sealed class EventMap(EventSearch search, EventMapCounts counts, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Up to this many events in view are sent one by one (the browser clusters them); more are counted on the grid.</summary>
    public const int MaxPoints = 300;
    /// <summary>Clusters across the wider side of the viewport at most: bounds the answer (~1,000 clusters, ~40 kB) whatever the zoom says.</summary>
    private const int ClustersAcross = 32;

    /// <summary>Events the map can place: with a cell, not online (the partial index IX_events_listed holds both columns).</summary>
    public static IQueryable<Event> Placed(IQueryable<Event> listed) => listed.Where(x => x.Cell != null && !x.Online);

    /// <param name="fromCounts">false: count in SQL even without filters (tests compare the two).</param>
    public async Task<(MapData? Data, FieldErrors Errors)> ReadAsync(MapQuery view, EventQuery filters, CancellationToken ct, bool fromCounts = true)
    {
        var errors = new FieldErrors();
        double? Coordinate(string? value, string field, double limit)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) <= limit) return d;
            errors.Add(field, l["Give {0} as a number of degrees between -{1} and {1}.", field, limit]);
            return null;
        }
        // Leaflet reports latitudes a little past the poles and longitudes past ±180 when the world repeats.
        var south = Coordinate(view.South, "south", 100);
        var north = Coordinate(view.North, "north", 100);
        var west = Coordinate(view.West, "west", 100_000);
        var east = Coordinate(view.East, "east", 100_000);
        if (south > north) errors.Add("north", l["The north edge is south of the south edge."]);
        if (west > east) errors.Add("east", l["The east edge is west of the west edge."]);
        int? zoom = null;
        if (!string.IsNullOrWhiteSpace(view.Zoom))
        {
            if (int.TryParse(view.Zoom, NumberStyles.None, CultureInfo.InvariantCulture, out var z) && z <= 22) zoom = z;
            else errors.Add("zoom", l["The zoom is a whole number from 0 to 22."]);
        }
        var (criteria, filterErrors) = await search.ReadAsync(filters with { Sort = null, Page = null, PageSize = null, Online = "exclude" }, ct);
        foreach (var (field, messages) in filterErrors.ToDictionary())
            foreach (var m in messages) errors.Add(field, m);
        if (!errors.IsEmpty) return (null, errors);

        var (s, n) = (Math.Clamp(south!.Value, -90, 90), Math.Clamp(north!.Value, -90, 90));
        var (w, e) = (west!.Value, east!.Value);
        var whole = e - w >= 360;
        if (whole) (w, e) = (-180, 180);
        else
        {
            var shift = Math.Floor((w + 180) / 360) * 360; // into [-180, 180), east follows (it may pass 180: the viewport wraps)
            (w, e) = (w - shift, e - shift);
        }

        var events = Placed(search.Listed(criteria!, clock.GetUtcNow()));
        if (criteria!.Origin is { } o)
            events = events.Where(InCircle(o, criteria.Miles));
        events = events.Where(InView(s, n, w, e));

        // The cluster size: about 64 px at the zoom, never more than ClustersAcross across the viewport.
        var spanDegrees = Math.Max(n - s, e - w);
        var degrees = Math.Max(zoom is { } zz ? 360.0 / Math.Pow(2, zz) * 64 / 256 : 0, spanDegrees / ClustersAcross);
        var f = Math.Max(1, (int)Math.Ceiling(degrees / GridCells.Degrees));
        var unfiltered = criteria is { Origin: null, From: null, To: null, Kind: null, Text: null, CampaignId: null };
        var clusters = fromCounts && unfiltered
            ? Cluster(await counts.PointsAsync(ct), s, n, w, e, f)
            : await events
                .GroupBy(x => new { R = x.Cell!.Value / GridCells.Stride / f, C = x.Cell!.Value % GridCells.Stride / f })
                .Select(g => new Tally(g.Count(), g.Average(x => x.Latitude!.Value), g.Average(x => x.Longitude!.Value)))
                .ToListAsync(ct);
        var total = clusters.Sum(c => c.N);
        if (total <= MaxPoints)
        {
            var rows = await events.OrderBy(x => x.StartsAt).ThenBy(x => x.Id).Take(MaxPoints)
                .Select(x => new { x.Id, x.Slug, x.Title, x.Kind, x.StartsAt, x.TimeZone, Lat = x.Latitude!.Value, Lng = x.Longitude!.Value, x.City, x.State })
                .ToListAsync(ct);
            return (new MapData(total, [], rows.Select(r => new MapEvent(r.Id, r.Slug, r.Title, r.Kind, r.StartsAt,
                EventTimes.Local(r.StartsAt, r.TimeZone).DateTime, r.TimeZone, r.Lat, r.Lng, r.City, r.State)).ToList()), errors);
        }
        return (new MapData(total, clusters.Select(c => new MapCluster(Math.Round(c.Lat, 4), Math.Round(c.Lng, 4), c.N)).ToList(), []), errors);
    }

    private sealed record Tally(int N, double Lat, double Lng);

    /// <summary>The in-memory counts' points in view (the same exact bounds as <see cref="InView"/>), summed by cluster as the SQL groups them.</summary>
    private static List<Tally> Cluster(EventMapCounts.Point[] points, double s, double n, double w, double e, int f)
    {
        var sums = new Dictionary<(int R, int C), (int N, double Lat, double Lng)>();
        foreach (var p in points)
        {
            if (p.Lat < s || p.Lat > n) continue;
            if (!(p.Lng >= w && p.Lng <= Math.Min(e, 180) || e > 180 && p.Lng >= -180 && p.Lng <= e - 360)) continue;
            var key = (p.Cell / GridCells.Stride / f, p.Cell % GridCells.Stride / f);
            var (c, lat, lng) = sums.GetValueOrDefault(key);
            sums[key] = (c + p.Count, lat + p.Lat * p.Count, lng + p.Lng * p.Count);
        }
        return [.. sums.Values.Select(x => new Tally(x.N, x.Lat / x.N, x.Lng / x.N))];
    }

    /// <summary>
    /// The viewport as ranges of cell numbers, one per grid row (two where it crosses the antimeridian), so each
    /// row is one index range; plus the exact bounds, so what is counted is what is in view.
    /// </summary>
    private static Expression<Func<Event, bool>> InView(double s, double n, double w, double e)
    {
        var x = Expression.Parameter(typeof(Event), "x");
        var cell = Expression.Property(Expression.Property(x, nameof(Event.Cell)), nameof(Nullable<int>.Value));
        var lat = Expression.Property(Expression.Property(x, nameof(Event.Latitude)), nameof(Nullable<double>.Value));
        var lng = Expression.Property(Expression.Property(x, nameof(Event.Longitude)), nameof(Nullable<double>.Value));
        var columns = new List<(int From, int To, double West, double East)>();
        if (e <= 180) columns.Add((Column(w), Column(e), w, e));
        else
        {
            columns.Add((Column(w), Column(180), w, 180));
            columns.Add((Column(-180), Column(e - 360), -180, e - 360));
        }
        var (row0, row1) = (Row(s), Row(n));
        Expression? cells = null;
        if (row1 - row0 + 1 > 40)
        {
            // A continent in view: one range over its rows is cheaper than forty; the columns are checked on the index entry.
            Expression band = Expression.AndAlso(Expression.GreaterThanOrEqual(cell, P(row0 * GridCells.Stride)), Expression.LessThan(cell, P((row1 + 1) * GridCells.Stride)));
            var col = Expression.Modulo(cell, Expression.Constant(GridCells.Stride));
            Expression? any = null;
            foreach (var (from, to, _, _) in columns)
            {
                var r = Expression.AndAlso(Expression.GreaterThanOrEqual(col, P(from)), Expression.LessThanOrEqual(col, P(to)));
                any = any is null ? r : Expression.OrElse(any, r);
            }
            cells = Expression.AndAlso(band, any!);
        }
        else
            for (var row = row0; row <= row1; row++)
                foreach (var (from, to, _, _) in columns)
                {
                    var r = Expression.AndAlso(Expression.GreaterThanOrEqual(cell, P(row * GridCells.Stride + from)), Expression.LessThanOrEqual(cell, P(row * GridCells.Stride + to)));
                    cells = cells is null ? r : Expression.OrElse(cells, r);
                }
        Expression? lngs = null;
        foreach (var (_, _, west, east) in columns)
        {
            var r = Expression.AndAlso(Expression.GreaterThanOrEqual(lng, P(west)), Expression.LessThanOrEqual(lng, P(east)));
            lngs = lngs is null ? r : Expression.OrElse(lngs, r);
        }
        var body = Expression.AndAlso(cells!, Expression.AndAlso(
            Expression.AndAlso(Expression.GreaterThanOrEqual(lat, P(s)), Expression.LessThanOrEqual(lat, P(n))), lngs!));
        return Expression.Lambda<Func<Event, bool>>(body, x);
    }

    private static int Row(double lat) => (int)Math.Floor((Math.Clamp(lat, -90, 89.999999) + 90) / GridCells.Degrees);
    private static int Column(double lng) => Math.Clamp((int)Math.Floor((lng + 180) / GridCells.Degrees), 0, (int)(360 / GridCells.Degrees) - 1);

    /// <summary>A value EF sends as a parameter (a member of a captured object), not as a literal in the SQL text.</summary>
    private static MemberExpression P<T>(T value) => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));
    private sealed class Holder<T>(T value) { public T Value { get; } = value; }

    private static Expression<Func<Event, bool>> InCircle(ZipPlace o, int miles)
    {
        const double H = Math.PI / 360, D = Math.PI / 180;
        var (lat0, lng0, cos0) = (o.Latitude, o.Longitude, Math.Cos(o.Latitude * D));
        var sn = Math.Sin(miles / (2 * GeoMath.EarthRadiusMiles));
        var amax = sn * sn * (1 + 1e-9);
        var cover = GridCells.Around(o.Latitude, o.Longitude, miles).All;
        return x => cover.Contains(x.Cell!.Value) && Math.Pow(Math.Sin((x.Latitude!.Value - lat0) * H), 2)
            + cos0 * Math.Cos(x.Latitude!.Value * D) * Math.Pow(Math.Sin((x.Longitude!.Value - lng0) * H), 2) <= amax;
    }
}
