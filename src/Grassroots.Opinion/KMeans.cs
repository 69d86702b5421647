namespace Grassroots.Opinion;

/// <summary>
/// k-means as the opinion map uses it: Lloyd's iterations from a warm start (the previous centres) or from seeded
/// starts (k-means++, or drawn by weight), ties to the lowest index, sums added in a fixed order so the result is the
/// same bit for bit on any number of cores. Clusters left empty are dropped, as Pol.is drops them.
/// </summary>
internal static class KMeans
{
    public sealed record Clustering(MapPoint[] Centers, int[] Assignment, long[] Sizes);

    /// <summary>
    /// The base clusters over many points (up to a million): Hamerly's bounds skip most distance computations once
    /// centres settle, which in two dimensions is nearly every point after a few iterations.
    /// </summary>
    public static Clustering Base(double[] xs, double[] ys, int k, IReadOnlyList<MapPoint> warm, int maxIterations, ref SeededRandom random, CancellationToken ct)
    {
        var n = xs.Length;
        if (n == 0) return new([], [], []);
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        var centers = StartCenters(xs, ys, weights, k, warm, ref random, ct);
        var kc = centers.Count;
        double[] cx = new double[kc], cy = new double[kc];
        for (var j = 0; j < kc; j++) (cx[j], cy[j]) = (centers[j].X, centers[j].Y);

        var slices = Slices(n);
        var assignment = new int[n];
        var upper = new double[n];
        var lower = new double[n];
        Parallel.For(0, slices.Length - 1, new ParallelOptions { CancellationToken = ct }, s =>
        {
            for (var i = slices[s]; i < slices[s + 1]; i++)
            {
                var (best, d1, d2) = Nearest(xs[i], ys[i], cx, cy);
                assignment[i] = best;
                upper[i] = Math.Sqrt(d1);
                lower[i] = Math.Sqrt(d2);
            }
        });

        // Lloyd's iterations on a million points in a continuum have a long tail of a few points trading places;
        // like Pol.is (which stops once no centre moves by 0.01), stop once no centre moves by a ten-thousandth of
        // the points' spread.
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
        mx /= n;
        my /= n;
        double spread = 0;
        for (var i = 0; i < n; i++) spread += (xs[i] - mx) * (xs[i] - mx) + (ys[i] - my) * (ys[i] - my);
        var settled = 1e-4 * Math.Sqrt(spread / n);

        var sizes = new long[kc];
        var half = new double[kc];
        var moved = new double[kc];
        var changesBySlice = new int[slices.Length - 1];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            Recenter(xs, ys, assignment, slices, cx, cy, sizes, moved);
            var maxMoved = 0.0;
            var maxAt = -1;
            var secondMoved = 0.0;
            for (var j = 0; j < kc; j++)
            {
                if (moved[j] > maxMoved) { secondMoved = maxMoved; maxMoved = moved[j]; maxAt = j; }
                else if (moved[j] > secondMoved) secondMoved = moved[j];
            }
            if (maxMoved <= settled) break;
            for (var j = 0; j < kc; j++)
            {
                var closest = double.PositiveInfinity;
                for (var o = 0; o < kc; o++)
                {
                    if (o == j) continue;
                    var dx = cx[j] - cx[o];
                    var dy = cy[j] - cy[o];
                    closest = Math.Min(closest, dx * dx + dy * dy);
                }
                half[j] = 0.5 * Math.Sqrt(closest);
            }
            Array.Clear(changesBySlice);
            Parallel.For(0, slices.Length - 1, new ParallelOptions { CancellationToken = ct }, s =>
            {
                var changes = 0;
                for (var i = slices[s]; i < slices[s + 1]; i++)
                {
                    var a = assignment[i];
                    upper[i] += moved[a];
                    lower[i] -= a == maxAt ? secondMoved : maxMoved;
                    var bound = Math.Max(half[a], lower[i]);
                    if (upper[i] <= bound) continue;
                    var dx = xs[i] - cx[a];
                    var dy = ys[i] - cy[a];
                    upper[i] = Math.Sqrt(dx * dx + dy * dy);
                    if (upper[i] <= bound) continue;
                    var (best, d1, d2) = Nearest(xs[i], ys[i], cx, cy);
                    if (best != a) { assignment[i] = best; changes++; }
                    upper[i] = Math.Sqrt(d1);
                    lower[i] = Math.Sqrt(d2);
                }
                changesBySlice[s] = changes;
            });
            if (changesBySlice.Sum() == 0) break;
            if (iteration == maxIterations - 1) Recenter(xs, ys, assignment, slices, cx, cy, sizes, moved);
        }
        return DropEmpty(cx, cy, assignment, sizes);
    }

    /// <summary>k-means over few weighted points (the base clusters, weighted by their sizes).</summary>
    /// <param name="spreadSeeds">Seed by k-means++ (far points likelier); otherwise by weight alone, which does not
    /// go looking for the farthest outlier.</param>
    public static (Clustering Clustering, double Inertia) Weighted(IReadOnlyList<MapPoint> points, double[] weights, int k, IReadOnlyList<MapPoint> warm, int maxIterations, ref SeededRandom random, CancellationToken ct, bool spreadSeeds = true)
    {
        var n = points.Count;
        double[] xs = new double[n], ys = new double[n];
        for (var i = 0; i < n; i++) (xs[i], ys[i]) = (points[i].X, points[i].Y);
        var centers = StartCenters(xs, ys, weights, k, warm, ref random, ct, spreadSeeds);
        var kc = centers.Count;
        double[] cx = new double[kc], cy = new double[kc];
        for (var j = 0; j < kc; j++) (cx[j], cy[j]) = (centers[j].X, centers[j].Y);
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var sums = new double[kc * 3];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var best = Nearest(xs[i], ys[i], cx, cy).Best;
                if (best != assignment[i]) { assignment[i] = best; changed = true; }
            }
            if (!changed) break;
            Array.Clear(sums);
            for (var i = 0; i < n; i++)
            {
                var a = assignment[i];
                sums[3 * a] += weights[i] * xs[i];
                sums[3 * a + 1] += weights[i] * ys[i];
                sums[3 * a + 2] += weights[i];
            }
            for (var j = 0; j < kc; j++)
                if (sums[3 * j + 2] > 0) (cx[j], cy[j]) = (sums[3 * j] / sums[3 * j + 2], sums[3 * j + 1] / sums[3 * j + 2]);
        }
        var sizes = new long[kc];
        for (var i = 0; i < n; i++) sizes[assignment[i]]++;
        var inertia = 0.0;
        for (var i = 0; i < n; i++)
        {
            var dx = xs[i] - cx[assignment[i]];
            var dy = ys[i] - cy[assignment[i]];
            inertia += weights[i] * (dx * dx + dy * dy);
        }
        return (DropEmpty(cx, cy, assignment, sizes), inertia);
    }

    /// <summary>
    /// Pol.is' silhouette over the base clusters, each counted once: for each point, a = mean distance to the other
    /// points of its cluster, b = the least mean distance to another cluster's points, (b - a) / max(a, b); a point
    /// alone in its cluster scores 0.
    /// </summary>
    public static double Silhouette(IReadOnlyList<MapPoint> points, int[] assignment, int clusters)
    {
        var n = points.Count;
        if (n == 0 || clusters < 2) return 0;
        var members = new int[clusters];
        foreach (var a in assignment) members[a]++;
        var total = 0.0;
        var distanceSum = new double[clusters];
        for (var i = 0; i < n; i++)
        {
            var own = assignment[i];
            if (members[own] == 1) continue;
            Array.Clear(distanceSum);
            for (var o = 0; o < n; o++)
            {
                if (o == i) continue;
                var dx = points[i].X - points[o].X;
                var dy = points[i].Y - points[o].Y;
                distanceSum[assignment[o]] += Math.Sqrt(dx * dx + dy * dy);
            }
            var a = distanceSum[own] / (members[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < clusters; c++)
                if (c != own && members[c] > 0) b = Math.Min(b, distanceSum[c] / members[c]);
            var scale = Math.Max(a, b);
            if (scale > 0 && double.IsFinite(scale)) total += (b - a) / scale;
        }
        return total / n;
    }

    /// <summary>
    /// Start centres: the warm ones that still have points nearest to them, moved to those points' mean (Pol.is
    /// recentres its previous clusters on their members), then k-means++ (seeded) or seeds drawn by weight, until k or
    /// no distinct point is left.
    /// </summary>
    private static List<MapPoint> StartCenters(double[] xs, double[] ys, double[] weights, int k, IReadOnlyList<MapPoint> warm, ref SeededRandom random, CancellationToken ct, bool spreadSeeds = true)
    {
        var n = xs.Length;
        var centers = new List<MapPoint>(k);
        var usable = warm.Where(c => double.IsFinite(c.X) && double.IsFinite(c.Y)).Take(k).ToArray();
        if (usable.Length > 0)
        {
            double[] wx = usable.Select(c => c.X).ToArray(), wy = usable.Select(c => c.Y).ToArray();
            var sums = new double[usable.Length * 3];
            for (var i = 0; i < n; i++)
            {
                if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                var a = Nearest(xs[i], ys[i], wx, wy).Best;
                sums[3 * a] += weights[i] * xs[i];
                sums[3 * a + 1] += weights[i] * ys[i];
                sums[3 * a + 2] += weights[i];
            }
            for (var j = 0; j < usable.Length; j++)
                if (sums[3 * j + 2] > 0) centers.Add(new(sums[3 * j] / sums[3 * j + 2], sums[3 * j + 1] / sums[3 * j + 2]));
        }

        // k-means++: each next centre is a point drawn with probability weight × squared distance to the nearest centre.
        var nearest = new double[n];
        if (centers.Count == 0)
        {
            var total = weights.Sum();
            centers.Add(Draw(xs, ys, weights, total, ref random));
        }
        double[] cx = centers.Select(c => c.X).ToArray(), cy = centers.Select(c => c.Y).ToArray();
        for (var i = 0; i < n; i++) nearest[i] = Nearest(xs[i], ys[i], cx, cy).D1;
        var mass = new double[n];
        while (centers.Count < k)
        {
            ct.ThrowIfCancellationRequested();
            var total = 0.0;
            for (var i = 0; i < n; i++) total += mass[i] = weights[i] * (spreadSeeds ? nearest[i] : nearest[i] > 0 ? 1 : 0);
            if (!(total > 0)) break;   // every point sits on a centre: no distinct point left
            var c = Draw(xs, ys, mass, total, ref random);
            centers.Add(c);
            for (var i = 0; i < n; i++)
            {
                var dx = xs[i] - c.X;
                var dy = ys[i] - c.Y;
                nearest[i] = Math.Min(nearest[i], dx * dx + dy * dy);
            }
        }
        return centers;
    }

    private static MapPoint Draw(double[] xs, double[] ys, double[] mass, double total, ref SeededRandom random)
    {
        var target = random.NextDouble() * total;
        var last = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            if (mass[i] <= 0) continue;
            last = i;
            target -= mass[i];
            if (target < 0) break;
        }
        return new(xs[last], ys[last]);
    }

    private static (int Best, double D1, double D2) Nearest(double x, double y, double[] cx, double[] cy)
    {
        var best = 0;
        double d1 = double.PositiveInfinity, d2 = double.PositiveInfinity;
        for (var j = 0; j < cx.Length; j++)
        {
            var dx = x - cx[j];
            var dy = y - cy[j];
            var d = dx * dx + dy * dy;
            if (d < d1) { d2 = d1; d1 = d; best = j; }
            else if (d < d2) d2 = d;
        }
        return (best, d1, d2);
    }

    /// <summary>Centres = means of their points; sums per slice, added in slice order.</summary>
    private static void Recenter(double[] xs, double[] ys, int[] assignment, int[] slices, double[] cx, double[] cy, long[] sizes, double[] moved)
    {
        var kc = cx.Length;
        var partial = new double[slices.Length - 1][];
        Parallel.For(0, slices.Length - 1, s =>
        {
            var sums = partial[s] = new double[kc * 3];
            for (var i = slices[s]; i < slices[s + 1]; i++)
            {
                var a = assignment[i];
                sums[3 * a] += xs[i];
                sums[3 * a + 1] += ys[i];
                sums[3 * a + 2] += 1;
            }
        });
        for (var j = 0; j < kc; j++)
        {
            double sx = 0, sy = 0, count = 0;
            foreach (var sums in partial) { sx += sums[3 * j]; sy += sums[3 * j + 1]; count += sums[3 * j + 2]; }
            sizes[j] = (long)count;
            if (count == 0) { moved[j] = 0; continue; }
            double nx = sx / count, ny = sy / count;
            moved[j] = Math.Sqrt((nx - cx[j]) * (nx - cx[j]) + (ny - cy[j]) * (ny - cy[j]));
            (cx[j], cy[j]) = (nx, ny);
        }
    }

    private static Clustering DropEmpty(double[] cx, double[] cy, int[] assignment, long[] sizes)
    {
        var renumber = new int[cx.Length];
        var centers = new List<MapPoint>();
        var kept = new List<long>();
        for (var j = 0; j < cx.Length; j++)
        {
            if (sizes[j] == 0) { renumber[j] = -1; continue; }
            renumber[j] = centers.Count;
            centers.Add(new(cx[j], cy[j]));
            kept.Add(sizes[j]);
        }
        if (centers.Count < cx.Length)
            for (var i = 0; i < assignment.Length; i++) assignment[i] = renumber[assignment[i]];
        return new([.. centers], assignment, [.. kept]);
    }

    /// <summary>Fixed slices of about 16k points (at most 64), so sums do not depend on the number of cores.</summary>
    private static int[] Slices(int n)
    {
        var count = Math.Clamp(n / 16384, 1, 64);
        var starts = new int[count + 1];
        for (var s = 0; s <= count; s++) starts[s] = (int)((long)n * s / count);
        return starts;
    }
}
