using System.Collections.Frozen;
using System.Globalization;

namespace Grassroots.Infrastructure.Geo;

/// <summary>A US ZIP code's centroid and the place it names.</summary>
public sealed record ZipPlace(string Zip, double Latitude, double Longitude, string City, string State);

/// <summary>
/// Offline ZIP → centroid lookup, loaded once from zips.csv (converted from the npm
/// `zipcodes` package by scripts/build-zips.mjs), so "near 19107" needs no external service.
/// </summary>
public sealed class ZipCodes
{
    private readonly FrozenDictionary<string, ZipPlace> _byZip;
    private readonly FrozenDictionary<(string City, string State), (double Latitude, double Longitude)> _cities;

    public ZipCodes(IEnumerable<ZipPlace> places)
    {
        _byZip = places.ToFrozenDictionary(p => p.Zip, StringComparer.Ordinal);
        _cities = _byZip.Values.GroupBy(p => (p.City, p.State))
            .ToFrozenDictionary(g => g.Key, g => (g.Average(p => p.Latitude), g.Average(p => p.Longitude)));
    }

    public int Count => _byZip.Count;
    public IEnumerable<ZipPlace> All => _byZip.Values;

    public static ZipCodes Load(string path)
    {
        var places = new List<ZipPlace>(45_000);
        using var reader = new StreamReader(path);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (f.Length < 5) continue;
            places.Add(new ZipPlace(f[0],
                double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), f[3], f[4]));
        }
        return new ZipCodes(places);
    }

    public static ZipCodes LoadDefault() =>
        Load(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Geo", "zips.csv"));

    /// <summary>Accepts "19107" or "19107-1234"; null when the ZIP is unknown.</summary>
    public ZipPlace? Find(string? zip)
    {
        if (string.IsNullOrWhiteSpace(zip)) return null;
        var z = zip.Trim();
        if (z.Length == 10 && z[5] == '-') z = z[..5];
        return z.Length == 5 && _byZip.TryGetValue(z, out var p) ? p : null;
    }

    /// <summary>
    /// The middle of a city (the mean of its ZIP centroids): a point that tells no more than the city's
    /// name, for distances shown about a member whose ZIP is private. Null for an unknown city.
    /// </summary>
    public (double Latitude, double Longitude)? CityCentre(string? city, string? state) =>
        city is not null && state is not null && _cities.TryGetValue((city, state), out var c) ? c : null;
}
