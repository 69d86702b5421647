namespace Grassroots.Infrastructure.Geo;

/// <summary>A latitude/longitude rectangle that contains a circle: the indexable part of a distance search.</summary>
public readonly record struct BoundingBox(double MinLat, double MaxLat, double MinLng, double MaxLng);

public static class GeoMath
{
    public const double EarthRadiusMiles = 3958.8;
    private const double MilesPerDegreeLat = 69.0;

    /// <summary>Great-circle distance in miles.</summary>
    public static double Miles(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = ToRad(lat2 - lat1);
        var dLng = ToRad(lng2 - lng1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(ToRad(lat1)) * Math.Cos(ToRad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The rectangle around a circle of <paramref name="miles"/>; slightly larger than needed, never smaller.</summary>
    public static BoundingBox Around(double lat, double lng, double miles)
    {
        var dLat = miles / MilesPerDegreeLat;
        var cos = Math.Max(0.01, Math.Cos(ToRad(Math.Min(89, Math.Abs(lat) + dLat))));
        var dLng = miles / (MilesPerDegreeLat * cos);
        return new BoundingBox(lat - dLat, lat + dLat, lng - dLng, lng + dLng);
    }

    /// <summary>
    /// The factor that turns degrees of longitude into "latitude degrees" at a latitude, so that
    /// (Δlat)² + (Δlng·k)² orders points by distance using arithmetic any SQL engine can run.
    /// </summary>
    public static double LngScale(double lat) => Math.Cos(ToRad(lat));

    private static double ToRad(double deg) => deg * Math.PI / 180;
}
