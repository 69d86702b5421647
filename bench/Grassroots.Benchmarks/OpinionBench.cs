using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grassroots.Opinion;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Grassroots.Benchmarks;

/// <summary>
/// The opinion map's recompute at 10,000 × 500 (1M votes), 100,000 × 2,000 (10M) and 1,000,000 × 2,000 (50M), each
/// against a plain dense implementation (MathNet DenseMatrix of the mean-imputed matrix, then the covariance's
/// eigenvectors or power iteration on the dense matrix) in the same run. Each measurement runs in a child process of
/// its own, so its peak working set is its own.
/// </summary>
public static class OpinionBench
{
    private sealed record Size(string Name, int Participants, int Statements, int VotesEach);

    private static readonly Size[] Sizes =
    [
        new("10k", 10_000, 500, 100),
        new("100k", 100_000, 2_000, 100),
        new("1m", 1_000_000, 2_000, 50),
    ];

    // 16 GB of doubles for 1,000,000 × 2,000: beyond the 8 GB budget (and this machine's share of memory).
    private static readonly long DenseLimitCells = 400_000_000;

    public static async Task RunAsync(string[] only, TextWriter output)
    {
        var sizes = only.Length == 0 ? Sizes : Sizes.Where(s => only.Contains(s.Name)).ToArray();
        output.WriteLine($"Opinion map recompute, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC");
        output.WriteLine();
        foreach (var size in sizes)
        {
            foreach (var variant in new[] { "sparse", "dense-power", "dense-evd" })
            {
                if (variant != "sparse" && (long)size.Participants * size.Statements > DenseLimitCells)
                {
                    output.WriteLine($"## {size.Name} {variant}: not run — a dense {size.Participants:N0} × {size.Statements:N0} matrix of doubles is {8.0 * size.Participants * size.Statements / 1e9:F0} GB");
                    continue;
                }
                if (variant == "dense-evd" && size.Statements > 1000)
                {
                    output.WriteLine($"## {size.Name} {variant}: not run — X^T X of {size.Participants:N0} × {size.Statements:N0} is {2.0 * size.Participants * size.Statements * size.Statements / 1e12:F1} Tflop in managed code");
                    continue;
                }
                output.WriteLine($"## {size.Name} {variant} (load {Load()})");
                var psi = new ProcessStartInfo("dotnet", [typeof(OpinionBench).Assembly.Location, "opinion-one", size.Name, variant])
                { RedirectStandardOutput = true };
                using var child = Process.Start(psi)!;
                string? line;
                while ((line = await child.StandardOutput.ReadLineAsync()) is not null) output.WriteLine(line);
                await child.WaitForExitAsync();
                output.WriteLine();
            }
        }
        output.WriteLine($"load after: {Load()}");
    }

    public static void RunOne(string sizeName, string variant, TextWriter output)
    {
        var size = Sizes.Single(s => s.Name == sizeName);
        var process = Process.GetCurrentProcess();
        // 1% more participants arrive between the first recompute and the second (warm-started) one.
        var (votes, firstCount, truth) = Planted(size.Participants + size.Participants / 100, size.Statements, size.VotesEach, groups: 4, seed: 1, firstParticipants: size.Participants);
        var before = new ArraySegment<Vote>(votes, 0, firstCount);
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        process.Refresh();
        var baseline = process.WorkingSet64;
        output.WriteLine($"- {size.Participants:N0} participants × {size.Statements:N0} statements, {firstCount:N0} votes (input array {firstCount * 12L / 1e6:F0} MB); working set before: {baseline / 1e6:F0} MB");

        if (variant == "sparse")
        {
            var phases = new List<string>();
            var clock = Stopwatch.StartNew();
            var cold = OpinionMap.Compute(before, null, null, null, (name, t) => phases.Add($"{name} {t.TotalSeconds:F2} s"), CancellationToken.None);
            var coldTime = clock.Elapsed;
            process.Refresh();
            var coldPeak = process.PeakWorkingSet64;
            output.WriteLine($"- cold recompute: **{coldTime.TotalSeconds:F2} s** ({string.Join(", ", phases)})");
            output.WriteLine($"- peak working set: **{coldPeak / 1e6:F0} MB** ({(coldPeak - baseline) / 1e6:F0} MB above the input); GC heap after: {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB; allocated: {GC.GetTotalAllocatedBytes() / 1e6:F0} MB");
            var clustered = cold.Participants.Where(p => p.Group is not null).ToList();
            output.WriteLine($"- groups: {cold.GroupCount} (sizes {string.Join(", ", cold.Groups.Select(g => g.Size.ToString("N0")))}); planted 4, adjusted Rand index {Grassroots.Opinion.AdjustedRandIndex.Of(clustered.Select(p => truth[p.Participant]).ToArray(), clustered.Select(p => p.Group!.Value).ToArray()):F3}");
            var stateJson = JsonSerializer.SerializeToUtf8Bytes(cold.State);
            output.WriteLine($"- state as JSON: {stateJson.Length / 1e6:F1} MB");

            phases.Clear();
            clock.Restart();
            var warm = OpinionMap.Compute(votes, null, cold.State, null, (name, t) => phases.Add($"{name} {t.TotalSeconds:F2} s"), CancellationToken.None);
            output.WriteLine($"- warm recompute after 1% more participants ({votes.Length:N0} votes): **{clock.Elapsed.TotalSeconds:F2} s** ({string.Join(", ", phases)}); groups {warm.GroupCount}");
            process.Refresh();
            output.WriteLine($"- peak working set over both: {process.PeakWorkingSet64 / 1e6:F0} MB");
            return;
        }

        var clockDense = Stopwatch.StartNew();
        var (x, votesOf) = DenseCentered(before, size.Participants, size.Statements);
        var buildTime = clockDense.Elapsed;
        clockDense.Restart();
        var (pc1, pc2, iterations) = variant == "dense-evd" ? DenseEvd(x) : DensePower(x);
        var pcaTime = clockDense.Elapsed;
        var perIteration = iterations > 0 ? $", {pcaTime.TotalMilliseconds / iterations:F0} ms per iteration (one vector)" : "";
        clockDense.Restart();
        var projected = x * Matrix<double>.Build.DenseOfColumnVectors(pc1, pc2);
        for (var i = 0; i < projected.RowCount; i++)
        {
            var scale = Math.Sqrt((double)size.Statements / Math.Max(votesOf[i], 1));
            projected[i, 0] *= scale;
            projected[i, 1] *= scale;
        }
        var projectionTime = clockDense.Elapsed;
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var total = buildTime + pcaTime + projectionTime;
        output.WriteLine($"- dense matrix, PCA and projection: **{total.TotalSeconds:F2} s** (mean-imputed matrix {buildTime.TotalSeconds:F2} s, {(variant == "dense-evd" ? "X^T X and its eigenvectors" : $"power iteration, {iterations} iterations")} {pcaTime.TotalSeconds:F2} s{perIteration}, projection {projectionTime.TotalSeconds:F2} s)");
        output.WriteLine($"- peak working set: **{peak / 1e6:F0} MB** ({(peak - baseline) / 1e6:F0} MB above the input)");

        // The sparse library's components against the dense ones (after the peak was taken): the same plane?
        var random = new SeededRandom(1);
        var sparse = Pca.Compute(VoteMatrix.Build(before, null, CancellationToken.None), null, null, 100, ref random, CancellationToken.None);
        // Cosines of the principal angles between the two planes (1, 1: the same plane), and axis by axis.
        var overlap = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { sparse.First.DotProduct(pc1), sparse.First.DotProduct(pc2) },
            { sparse.Second.DotProduct(pc1), sparse.Second.DotProduct(pc2) },
        });
        var cosines = overlap.Svd(false).S;
        output.WriteLine($"- agreement with the sparse library's components: plane {cosines[0]:F9}, {cosines[1]:F9} (cosines of the principal angles); |cos| first {Math.Abs(sparse.First.DotProduct(pc1)):F6}, second {Math.Abs(sparse.Second.DotProduct(pc2)):F6}; eigenvalues sparse {sparse.FirstEigenvalue:F1}, {sparse.SecondEigenvalue:F1}");
    }

    /// <summary>The plain way: a dense matrix, later votes overwrite earlier ones, missing cells get the column mean, then centred.</summary>
    private static (Matrix<double> X, int[] VotesOf) DenseCentered(IEnumerable<Vote> votes, int participants, int statements)
    {
        // Rows and columns in id order, as the sparse library numbers them, so their components can be compared.
        var list = votes as IReadOnlyList<Vote> ?? votes.ToList();
        var rowOf = list.Select(v => v.Participant).Distinct().Order().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var columnOf = list.Select(v => v.Statement).Distinct().Order().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var x = DenseMatrix.Create(participants, statements, double.NaN);
        var cells = x.Values;   // column-major
        foreach (var v in list) cells[(long)columnOf[v.Statement] * participants + rowOf[v.Participant]] = Math.Sign(v.Value);
        var votesOf = new int[participants];
        for (var c = 0; c < statements; c++)
        {
            var column = cells.AsSpan(c * participants, participants);
            double sum = 0;
            var n = 0;
            for (var r = 0; r < participants; r++)
                if (!double.IsNaN(column[r])) { sum += column[r]; n++; votesOf[r]++; }
            var mean = n == 0 ? 0 : sum / n;
            for (var r = 0; r < participants; r++)
                column[r] = double.IsNaN(column[r]) ? 0 : column[r] - mean;
        }
        return (x, votesOf);
    }

    private static (Vector<double>, Vector<double>, int) DenseEvd(Matrix<double> x)
    {
        var covariance = x.TransposeThisAndMultiply(x);
        var evd = covariance.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, covariance.RowCount).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        return (evd.EigenVectors.Column(order[0]), evd.EigenVectors.Column(order[1]), 0);
    }

    /// <summary>Pol.is' power iteration on the dense matrix: X^T (X w), up to 100 steps, the second with the first factored out.</summary>
    private static (Vector<double>, Vector<double>, int) DensePower(Matrix<double> x)
    {
        var iterations = 0;
        Vector<double> Iterate(Func<Vector<double>, Vector<double>> apply)
        {
            var w = Vector<double>.Build.Dense(x.ColumnCount, 1).Normalize(2);
            for (var i = 0; i < 100; i++)
            {
                iterations++;
                var y = apply(w);
                y /= y.L2Norm();
                var moved = (y - w).InfinityNorm();
                w = y;
                if (moved < 1e-10) break;
            }
            return w;
        }
        var first = Iterate(w => x.TransposeThisAndMultiply(x * w));
        Vector<double> Deflate(Vector<double> v) => v - first * first.DotProduct(v);
        var second = Iterate(w => Deflate(x.TransposeThisAndMultiply(x * Deflate(w))));
        return (first, second, iterations);
    }

    /// <summary>Four planted opinion groups on a circle of opinion (as in the tests), each participant voting on a random subset.</summary>
    private static (Vote[] Votes, int FirstCount, int[] Truth) Planted(int participants, int statements, int votesEach, int groups, int seed, int firstParticipants)
    {
        var rng = new Random(seed);
        var angle = Enumerable.Range(0, statements).Select(_ => rng.NextDouble() * 2 * Math.PI).ToArray();
        var votes = new Vote[(long)participants * votesEach];
        var truth = new int[participants];
        var order = Enumerable.Range(0, statements).ToArray();
        long n = 0, firstCount = 0;
        for (var p = 0; p < participants; p++)
        {
            if (p == firstParticipants) firstCount = n;
            var g = truth[p] = rng.Next(groups);
            var theta = 2 * Math.PI * g / groups;
            for (var i = 0; i < votesEach; i++)
            {
                var j = rng.Next(i, statements);
                (order[i], order[j]) = (order[j], order[i]);
                var lean = 0.9 * Math.Cos(theta - angle[order[i]]);
                var value = rng.NextDouble() < 0.05 ? 0 : rng.NextDouble() < (1 + lean) / 2 ? 1 : -1;
                votes[n++] = new Vote(p, order[i], (sbyte)value);
            }
        }
        return (votes, (int)firstCount, truth);
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
