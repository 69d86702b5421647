using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Grassroots.Opinion;

/// <summary>
/// The first two principal components of the mean-imputed vote matrix, by power iteration as Pol.is finds them,
/// but on the sparse matrix: once each column is centred on its mean, a missing vote imputed with that mean is
/// exactly 0, so X^T X w is a sum over the votes cast and X^T X is never formed.
/// </summary>
/// <remarks>
/// Pol.is iterates the first component alone, then the second on the matrix with the first factored out. Here both
/// iterate together, the second deflated against the first at every step (orthogonal iteration), and the plane they
/// span is turned into the principal axes at the end (Rayleigh–Ritz, a 2 × 2 eigenproblem). Same components, but
/// the plane converges at the ratio of the third eigenvalue to the second instead of the second to the first: when
/// the first two are close (groups spread evenly around a circle) Pol.is' first component crawls through its 100
/// steps, here a few steps settle the plane, and one pass over the votes serves both vectors.
/// </remarks>
internal static class Pca
{
    // Iteration stops once the plane moves by less than this (the sine of the angle between successive planes).
    private const double Tolerance = 1e-10;

    public sealed record Components(Vector<double> First, Vector<double> Second, double FirstEigenvalue, double SecondEigenvalue, int Iterations);

    public static Components Compute(VoteMatrix matrix, Vector<double>? start1, Vector<double>? start2, int maxIterations, ref SeededRandom random, CancellationToken ct)
    {
        var n = matrix.ColumnCount;
        Vector<double> Zero() => Vector<double>.Build.Dense(n);
        if (n == 0 || matrix.RowCount == 0) return new(Zero(), Zero(), 0, 0, 0);

        var gram = new CenteredGram(matrix);
        // Below this an eigenvalue is rounding noise: a matrix whose centred entries are all 0 (everyone agrees,
        // everyone passes) has no direction at all, and the map puts everyone at the origin.
        var floor = 1e-12 * Math.Max(gram.Trace, double.Epsilon);

        // Start from the previous components (warm start) or seeded random vectors, made orthonormal.
        var w1 = (Usable(start1) ?? RandomVector(n, ref random)).Normalize(2);
        var w2 = n < 2 ? null : Orthonormal(Usable(start2) ?? RandomVector(n, ref random), w1, 1e-8) ?? Orthonormal(RandomVector(n, ref random), w1, 1e-8);

        Vector<double> a1, a2;
        var iterations = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            iterations++;
            (a1, a2) = gram.Multiply(w1, w2, ct);
            var norm1 = a1.L2Norm();
            if (!(norm1 > floor)) return new(Zero(), Zero(), 0, 0, iterations);
            if (iterations >= maxIterations) break;
            var q1 = a1 / norm1;
            // The second with the first factored out (deflation); if nothing is left the matrix has one direction only.
            var q2 = w2 is null ? null : Orthonormal(a2, q1, Math.Max(floor, 1e-10 * norm1) / Math.Max(a2.L2Norm(), double.Epsilon));
            var moved = Math.Max(Residual(q1, w1, w2), q2 is null ? 0 : Residual(q2, w1, w2));
            if (moved < Tolerance && (q2 is null) == (w2 is null)) break;
            w1 = q1;
            w2 = q2;
        }

        if (w2 is null)
        {
            var lambda = w1.DotProduct(a1);
            return new(Orient(w1, start1), Zero(), lambda, 0, iterations);
        }
        // Rayleigh–Ritz: the principal axes within the plane are the eigenvectors of W^T X^T X W.
        var offDiagonal = 0.5 * (w1.DotProduct(a2) + w2.DotProduct(a1));
        var h = Matrix<double>.Build.DenseOfArray(new[,] { { w1.DotProduct(a1), offDiagonal }, { offDiagonal, w2.DotProduct(a2) } });
        var evd = h.Evd(Symmetricity.Symmetric);
        var big = evd.EigenValues[0].Real >= evd.EigenValues[1].Real ? 0 : 1;
        var v = evd.EigenVectors;
        var first = w1 * v[0, big] + w2 * v[1, big];
        var second = w1 * v[0, 1 - big] + w2 * v[1, 1 - big];
        var lambda1 = evd.EigenValues[big].Real;
        var lambda2 = evd.EigenValues[1 - big].Real;
        if (!(lambda2 > floor)) second = Zero();
        return new(Orient(first.Normalize(2), start1), second.L2Norm() == 0 ? second : Orient(second.Normalize(2), start2), lambda1, Math.Max(lambda2, 0), iterations);
    }

    /// <summary>How far <paramref name="q"/> lies outside the plane (or line) of <paramref name="w1"/>, <paramref name="w2"/>.</summary>
    private static double Residual(Vector<double> q, Vector<double> w1, Vector<double>? w2)
    {
        var r = q - w1 * w1.DotProduct(q);
        if (w2 is not null) r -= w2 * w2.DotProduct(q);
        return r.L2Norm();
    }

    /// <summary><paramref name="v"/> with <paramref name="unit"/> factored out, normalized; null if (relatively) nothing is left.</summary>
    private static Vector<double>? Orthonormal(Vector<double> v, Vector<double> unit, double relativeFloor)
    {
        var norm = v.L2Norm();
        if (!(norm > 0)) return null;
        var r = v - unit * unit.DotProduct(v);
        // twice, for accuracy when v was nearly parallel to unit
        r -= unit * unit.DotProduct(r);
        var left = r.L2Norm();
        return left > relativeFloor * norm ? r / left : null;
    }

    /// <summary>
    /// The sign of a component is arbitrary; fix it so the map does not mirror between recomputes: the same way as the
    /// previous component, else with its largest entry positive.
    /// </summary>
    private static Vector<double> Orient(Vector<double> component, Vector<double>? previous)
    {
        var dot = previous is null ? 0 : component.DotProduct(previous);
        if (Math.Abs(dot) < 1e-12)
        {
            var at = component.AbsoluteMaximumIndex();
            dot = component.Count == 0 ? 0 : component[at];
        }
        return dot < 0 ? -component : component;
    }

    private static Vector<double>? Usable(Vector<double>? start) => start is not null && start.L2Norm() > 1e-8 ? start : null;

    private static Vector<double> RandomVector(int n, ref SeededRandom random)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = random.NextDouble() * 2 - 1;
        return new DenseVector(v);
    }

    /// <summary>
    /// X^T X [w1 w2] for the centred sparse matrix in one pass over the votes. A vote's centred value depends only on
    /// its cell (column and value), so per step a table holds (value − mean) × w for every cell; a participant's
    /// x_i · w is a sum of look-ups, and x_i · w is added to an accumulator per cell, turned back into columns at the
    /// end. Rows are cut into a fixed number of slices by vote count, each slice sums into its own accumulators, and
    /// the slices are added in order, so the result is the same bit for bit on any number of cores.
    /// </summary>
    private sealed class CenteredGram
    {
        private const int MaxSlices = 64;
        private readonly VoteMatrix _m;
        private readonly int[] _sliceStart;
        private readonly double[][] _partial;
        private readonly double[] _table;

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
            var cells = 3 * m.ColumnCount;
            _partial = new double[slices][];
            for (var s = 0; s < slices; s++) _partial[s] = new double[2 * cells];
            _table = new double[2 * cells];

            var perCell = new long[cells];
            foreach (var cell in m.Cells) perCell[cell]++;
            double trace = 0;
            for (var c = 0; c < cells; c++)
            {
                var x = Centred(c);
                trace += perCell[c] * x * x;
            }
            Trace = trace;
        }

        private double Centred(int cell) => VoteMatrix.ValueOf(cell) - _m.ColumnMeans[VoteMatrix.ColumnOf(cell)];

        public (Vector<double>, Vector<double>) Multiply(Vector<double> w1, Vector<double>? w2, CancellationToken ct)
        {
            var m = _m;
            var table = _table;
            var cellCount = 3 * m.ColumnCount;
            for (var c = 0; c < cellCount; c++)
            {
                var x = Centred(c);
                var j = VoteMatrix.ColumnOf(c);
                table[2 * c] = x * w1[j];
                table[2 * c + 1] = w2 is null ? 0 : x * w2[j];
            }
            Parallel.For(0, _partial.Length, new ParallelOptions { CancellationToken = ct }, s =>
            {
                var acc = _partial[s];
                Array.Clear(acc);
                var cells = m.Cells;
                var rowStart = m.RowStart;
                for (var i = _sliceStart[s]; i < _sliceStart[s + 1]; i++)
                {
                    long from = rowStart[i], to = rowStart[i + 1];
                    double d1 = 0, d2 = 0;
                    for (var k = from; k < to; k++)
                    {
                        var at = 2 * cells[k];
                        d1 += table[at];
                        d2 += table[at + 1];
                    }
                    for (var k = from; k < to; k++)
                    {
                        var at = 2 * cells[k];
                        acc[at] += d1;
                        acc[at + 1] += d2;
                    }
                }
            });
            var y1 = new double[m.ColumnCount];
            var y2 = new double[m.ColumnCount];
            for (var c = 0; c < cellCount; c++)
            {
                double s1 = 0, s2 = 0;
                foreach (var acc in _partial) { s1 += acc[2 * c]; s2 += acc[2 * c + 1]; }
                var x = Centred(c);
                var j = VoteMatrix.ColumnOf(c);
                y1[j] += s1 * x;
                y2[j] += s2 * x;
            }
            return (new DenseVector(y1), new DenseVector(y2));
        }
    }
}
