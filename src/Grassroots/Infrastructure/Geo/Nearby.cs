using System.Linq.Expressions;

namespace Grassroots.Infrastructure.Geo;

/// <summary>Anything with a point on the map: groups, projects, members, later events.</summary>
public interface IPlaced
{
    double? Latitude { get; }
    double? Longitude { get; }
}

/// <summary>A row and its squared flat-earth distance (in degrees of latitude) from the origin.</summary>
public sealed class Near<T>
{
    public required T Item { get; init; }
    public double D2 { get; init; }
}

/// <summary>
/// The distance search every feature shares: an indexed bounding box narrows the rows, then a
/// flat-earth squared distance (plain arithmetic, so SQLite and PostgreSQL both run it in SQL)
/// trims the corners and orders. Exact miles are computed for the rows shown.
/// </summary>
public static class Nearby
{
    public static IQueryable<Near<T>> Within<T>(this IQueryable<T> rows, ZipPlace origin, double miles) where T : class, IPlaced
    {
        var (lat0, lng0) = (origin.Latitude, origin.Longitude);
        var box = GeoMath.Around(lat0, lng0, miles);
        var k = GeoMath.LngScale(lat0);
        var k2 = k * k;
        var r = miles / 69.0;
        var r2 = r * r;
        return rows
            .Where(x => x.Latitude >= box.MinLat && x.Latitude <= box.MaxLat && x.Longitude >= box.MinLng && x.Longitude <= box.MaxLng)
            .Select(x => new Near<T>
            {
                Item = x,
                D2 = (x.Latitude!.Value - lat0) * (x.Latitude!.Value - lat0) + (x.Longitude!.Value - lng0) * (x.Longitude!.Value - lng0) * k2,
            })
            .Where(n => n.D2 <= r2);
    }

    public static double MilesFrom(this ZipPlace origin, double? lat, double? lng) =>
        lat is null || lng is null ? double.NaN : Math.Round(GeoMath.Miles(origin.Latitude, origin.Longitude, lat.Value, lng.Value), 1);
}
