namespace Grassroots.Infrastructure.Geo;

/// <summary>
/// The spatial index events and groups share: every point falls in a 0.5° square "cell" (an integer column
/// in an ordinary B-tree, so SQLite and PostgreSQL index it the same way). A search near a place reads the
/// cells its circle touches, each in index order; only the cells the circle's edge crosses need the distance
/// test. Chosen over R*Tree, GiST and a latitude band by measurement: bench/results/2026-11-26-spatial-index.md.
/// </summary>
public static class GridCells
{
    public const double Degrees = 0.5;
    /// <summary>A row's cell number is row * Stride + column (720 columns fit under 1000).</summary>
    public const int Stride = 1000;

    public static int Of(double lat, double lng) =>
        (int)Math.Floor((Math.Clamp(lat, -90, 89.999999) + 90) / Degrees) * Stride + (int)Math.Floor((Wrap(lng) + 180) / Degrees);

    public static int? Of(double? lat, double? lng) => lat is { } a && lng is { } b ? Of(a, b) : null;

    /// <summary>The cells a circle covers: wholly inside it (no distance test needed) and crossed by its edge.</summary>
    public sealed record Cover(int[] Inner, int[] Edge)
    {
        public int[] All => [.. Inner, .. Edge];
        public int Count => Inner.Length + Edge.Length;
    }

    public static Cover Around(double lat, double lng, double miles)
    {
        var box = GeoMath.Around(lat, lng, miles);
        var inner = new List<int>();
        var edge = new List<int>();
        var (row0, row1) = (Row(box.MinLat), Row(box.MaxLat));
        for (var row = row0; row <= row1; row++)
        for (var col = (int)Math.Floor((box.MinLng + 180) / Degrees); col <= (int)Math.Floor((box.MaxLng + 180) / Degrees); col++)
        {
            var (lat0, lat1) = (row * Degrees - 90, (row + 1) * Degrees - 90);
            var (lng0, lng1) = (col * Degrees - 180, (col + 1) * Degrees - 180);
            // Nearest point of the cell (clamped; on a sphere the true nearest point of a side can sit a hair
            // away, hence the half-mile margin) and the farthest (always a corner).
            var near = GeoMath.Miles(lat, lng, Math.Clamp(lat, lat0, lat1), Math.Clamp(lng, lng0, lng1));
            if (near > miles + 0.5) continue;
            var far = Math.Max(Math.Max(GeoMath.Miles(lat, lng, lat0, lng0), GeoMath.Miles(lat, lng, lat0, lng1)),
                               Math.Max(GeoMath.Miles(lat, lng, lat1, lng0), GeoMath.Miles(lat, lng, lat1, lng1)));
            var c = row * Stride + ((col % 720) + 720) % 720;
            (far < miles - 0.5 ? inner : edge).Add(c);
        }
        return new Cover([.. inner.Distinct()], [.. edge.Distinct().Except(inner)]);
    }

    /// <summary>The cells of a map viewport (south-west to north-east corners), or null if it spans too many to list.</summary>
    public static int[]? InBox(double south, double west, double north, double east, int max)
    {
        var (row0, row1) = (Row(south), Row(north));
        var (col0, col1) = ((int)Math.Floor((Wrap(west) + 180) / Degrees), (int)Math.Floor((Wrap(east) + 180) / Degrees));
        if (col1 < col0) col1 += 720;
        if ((long)(row1 - row0 + 1) * (col1 - col0 + 1) > max) return null;
        var cells = new List<int>();
        for (var row = row0; row <= row1; row++)
        for (var col = col0; col <= col1; col++)
            cells.Add(row * Stride + col % 720);
        return [.. cells];
    }

    private static int Row(double lat) => (int)Math.Floor((Math.Clamp(lat, -90, 89.999999) + 90) / Degrees);
    private static double Wrap(double lng) => lng >= 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
}
