using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Grassroots.Opinion;

/// <summary>
/// The first two principal components of the mean-imputed vote matrix, as Pol.is finds them (power iteration,
/// then the second on the matrix with the first factored out), but on the sparse matrix: once each column is
/// centred on its mean, a missing vote imputed with that mean is exactly 0, so X^T X w is a sum over the votes
/// cast and X^T X is never formed.
/// </summary>
internal static class Pca
{
    // Iteration stops once no entry of the unit component moves by more than this.
    private const double Tolerance = 1e-10;

    public sealed record Components(Vector<double> First, Vector<double> Second, double FirstEigenvalue, double SecondEigenvalue, int Iterations);

    public static Components Compute(VoteMatrix matrix, Vector<double>? start1, Vector<double>? start2, int maxIterations, ref SeededRandom random, CancellationToken ct)
    {
        var n = matrix.ColumnCount;
        var zero = Vector<double>.Build.Dense(n);
        if (n == 0 || matrix.RowCount == 0) return new(zero, zero.Clone(), 0, 0, 0);

        var gram = new CenteredGram(matrix);
        // Below this an eigenvalue is rounding noise: a matrix whose centred entries are all 0 (everyone agrees,
        // everyone passes) has no direction at all, and the map puts everyone at the origin.
        var floor = 1e-12 * Math.Max(gram.Trace, double.Epsilon);

        var iterations = 0;
        var first = PowerIterate(w => gram.Multiply(w, ct), StartOrRandom(start1, n, ref random), maxIterations, floor, ref iterations, ct, out var lambda1);
        Vector<double> second;
        double lambda2;
        if (lambda1 == 0) { second = zero; lambda2 = 0; }
        else
        {
            // Deflation: power iteration on (I - p p^T) X^T X (I - p p^T), the matrix with the first component factored out.
            Vector<double> Deflate(Vector<double> v) => v - first * first.DotProduct(v);
            var start = Deflate(StartOrRandom(start2, n, ref random));
            if (start.L2Norm() < 1e-8) start = Deflate(RandomVector(n, ref random));
            second = PowerIterate(w => Deflate(gram.Multiply(Deflate(w), ct)), start, maxIterations, Math.Max(floor, 1e-10 * lambda1), ref iterations, ct, out lambda2);
        }
        return new(Orient(first, start1), Orient(second, start2), lambda1, lambda2, iterations);
    }

    private static Vector<double> PowerIterate(Func<Vector<double>, Vector<double>> apply, Vector<double> start, int maxIterations, double floor, ref int iterations, CancellationToken ct, out double eigenvalue)
    {
        var w = start.Normalize(2);
        eigenvalue = 0;
        for (var i = 0; i < maxIterations; i++)
        {
            ct.ThrowIfCancellationRequested();
            iterations++;
            var y = apply(w);
            var norm = y.L2Norm();
            if (!(norm > floor)) { eigenvalue = 0; return Vector<double>.Build.Dense(w.Count); }
            y /= norm;
            var moved = (y - w).InfinityNorm();
            w = y;
            eigenvalue = norm;
            if (moved < Tolerance) break;
        }
        return w;
    }

    /// <summary>
    /// The sign of a component is arbitrary; fix it so the map does not mirror between recomputes: the same way as the
    /// previous component, else with its largest entry positive.
    /// </summary>
    private static Vector<double> Orient(Vector<double> component, Vector<double>? previous)
    {
        var dot = previous is null ? 0 : component.DotProduct(previous);
        if (dot == 0)
        {
            var at = component.AbsoluteMaximumIndex();
            dot = component.Count == 0 ? 0 : component[at];
        }
        return dot < 0 ? -component : component;
    }

    private static Vector<double> StartOrRandom(Vector<double>? start, int n, ref SeededRandom random) =>
        start is not null && start.L2Norm() > 1e-8 ? start : RandomVector(n, ref random);

    private static Vector<double> RandomVector(int n, ref SeededRandom random)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = random.NextDouble() * 2 - 1;
        return new DenseVector(v);
    }

    /// <summary>
    /// X^T X w for the centred sparse matrix in one pass over the votes: for each participant, d = x_i · w, then
    /// d x_i is added up. Rows are cut into a fixed number of slices by vote count, each slice sums into its own
    /// vector, and the slices are added in order, so the result is the same bit for bit on any number of cores.
    /// </summary>
    private sealed class CenteredGram
    {
        private const int MaxSlices = 64;
        private readonly VoteMatrix _m;
        private readonly int[] _sliceStart;
        private readonly double[][] _partial;

        public double Trace { get; }

        public CenteredGram(VoteMatrix m)
        {
            _m = m;
            var slices = (int)Math.Clamp(m.VoteCount / 4096, 1, Math.Min(MaxSlices, m.RowCount));
            _sliceStart = new int[slices + 1];
            for (var s = 1; s < slices; s++)
            {
                // The first row whose votes start at or after s/slices of all votes.
                var target = m.VoteCount * s / slices;
                var at = Array.BinarySearch(m.RowStart, 0, m.RowCount, target);
                if (at < 0) at = ~at;
                _sliceStart[s] = Math.Max(at, _sliceStart[s - 1]);
            }
            _sliceStart[slices] = m.RowCount;
            _partial = new double[slices][];
            for (var s = 0; s < slices; s++) _partial[s] = new double[m.ColumnCount];

            double trace = 0;
            for (long k = 0; k < m.VoteCount; k++)
            {
                var x = m.Values[k] - m.ColumnMeans[m.Columns[k]];
                trace += x * x;
            }
            Trace = trace;
        }

        public Vector<double> Multiply(Vector<double> wVector, CancellationToken ct)
        {
            var w = wVector is DenseVector dense ? dense.Values : wVector.ToArray();
            var m = _m;
            Parallel.For(0, _partial.Length, new ParallelOptions { CancellationToken = ct }, s =>
            {
                var acc = _partial[s];
                Array.Clear(acc);
                var mean = m.ColumnMeans;
                var cols = m.Columns;
                var vals = m.Values;
                for (var i = _sliceStart[s]; i < _sliceStart[s + 1]; i++)
                {
                    long from = m.RowStart[i], to = m.RowStart[i + 1];
                    double d = 0;
                    for (var k = from; k < to; k++)
                    {
                        var j = cols[k];
                        d += (vals[k] - mean[j]) * w[j];
                    }
                    if (d == 0) continue;
                    for (var k = from; k < to; k++)
                    {
                        var j = cols[k];
                        acc[j] += d * (vals[k] - mean[j]);
                    }
                }
            });
            var result = new double[m.ColumnCount];
            foreach (var acc in _partial)
                for (var j = 0; j < result.Length; j++) result[j] += acc[j];
            return new DenseVector(result);
        }
    }
}
