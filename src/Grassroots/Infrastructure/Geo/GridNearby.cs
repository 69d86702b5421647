namespace Grassroots.Infrastructure.Geo;

/// <summary>A placed row that also keeps its <see cref="GridCells"/> cell (indexed): groups and events.</summary>
public interface IGridPlaced : IPlaced
{
    int? Cell { get; }
}

/// <summary>
/// The distance search on the grid cells events and groups share: the cells a circle touches (an indexed
/// IN list) instead of a latitude band across the country, then the exact great-circle test. Measured in
/// bench/results/2026-11-26-spatial-index.md and 2026-11-26-events-search.md.
/// </summary>
public static class GridNearby
{
    private const double H = Math.PI / 360, D = Math.PI / 180;

    /// <summary>
    /// Rows within <paramref name="miles"/> of the origin. <see cref="Near{T}.D2"/> is the haversine term
    /// sin²(Δφ/2) + cos φ₀ cos φ sin²(Δλ/2): it grows with the distance, so ordering by it is nearest first.
    /// </summary>
    public static IQueryable<Near<T>> WithinCells<T>(this IQueryable<T> rows, ZipPlace origin, double miles) where T : class, IGridPlaced
    {
        var cells = GridCells.Around(origin.Latitude, origin.Longitude, miles).All;
        var (lat0, lng0, cos0) = (origin.Latitude, origin.Longitude, Math.Cos(origin.Latitude * D));
        var s = Math.Sin(miles / (2 * GeoMath.EarthRadiusMiles));
        var amax = s * s * (1 + 1e-9); // a hair of slack: a row exactly on the circle is in, as GeoMath.Miles says
        return rows
            .Where(x => x.Cell != null && cells.Contains(x.Cell.Value))
            .Select(x => new Near<T>
            {
                Item = x,
                D2 = Math.Pow(Math.Sin((x.Latitude!.Value - lat0) * H), 2) + cos0 * Math.Cos(x.Latitude!.Value * D) * Math.Pow(Math.Sin((x.Longitude!.Value - lng0) * H), 2),
            })
            .Where(n => n.D2 <= amax);
    }
}
