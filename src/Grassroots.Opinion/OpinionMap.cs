using MathNet.Numerics.LinearAlgebra;

namespace Grassroots.Opinion;

/// <summary>
/// The opinion map of one conversation, computed the way Pol.is computes it (compdemocracy/polis,
/// math/src/polismath): PCA of the mean-imputed vote matrix, the sparsity-aware projection, 100 base clusters,
/// k-means over them for k = 2..5 chosen by silhouette and held against flicker, representative statements per
/// group and group-aware consensus. Pure and deterministic: the same votes, moderation and state give the same
/// result bit for bit.
/// </summary>
public static class OpinionMap
{
    /// <param name="votes">All votes of the conversation in the order they were cast; a later vote of a participant
    /// on a statement replaces an earlier one. +1 agree, -1 disagree, 0 pass.</param>
    /// <param name="moderatedOut">Statements moderated out: zeroed for everyone, as in Pol.is. How anyone voted on them
    /// counts for nothing; that someone voted on them counts towards entering the clustering, and their number enters
    /// the projection's sparsity scale as a pass by everyone (see Clustered and Project).</param>
    /// <param name="previous">The state of the last recompute, or null for the first.</param>
    public static OpinionMapResult Compute(
        IEnumerable<Vote> votes, IReadOnlySet<int>? moderatedOut, OpinionMapState? previous,
        OpinionMapOptions? options = null, CancellationToken cancellationToken = default) =>
        Compute(votes, moderatedOut, previous, options, null, cancellationToken);

    /// <param name="phase">Told the name and duration of each phase as it ends (the benchmarks' breakdown).</param>
    internal static OpinionMapResult Compute(
        IEnumerable<Vote> votes, IReadOnlySet<int>? moderatedOut, OpinionMapState? previous,
        OpinionMapOptions? options, Action<string, TimeSpan>? phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(votes);
        options ??= new OpinionMapOptions();
        options.Validate();
        var ct = cancellationToken;
        if (previous is not null && !IsUsable(previous)) previous = null;
        var random = new SeededRandom(options.Seed);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Done(string name)
        {
            phase?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }

        var matrix = VoteMatrix.Build(votes, moderatedOut, ct);
        Done("vote matrix");
        var (start1, start2) = WarmComponents(previous, matrix.StatementIds);
        var pca = Pca.Compute(matrix, start1, start2, options.PcaIterations, ref random, ct);
        Done($"pca ({pca.Iterations} iterations)");
        // Where the previous map's points sit on this one, so that warm starts and group ids survive a turn of the axes.
        var turn = Turn(start1, start2, pca.First, pca.Second);
        var previousBases = previous?.BaseCenters.Select(turn).ToArray() ?? [];
        var previousClusterings = previous?.Clusterings.Select(c => c with { Centers = c.Centers.Select(turn).ToArray() }).ToArray() ?? [];
        var previousGroups = previous?.Groups.Select(g => turn(new MapPoint(g.X, g.Y)) is var t ? g with { X = t.X, Y = t.Y } : g).ToArray() ?? [];
        var (xs, ys) = Project(matrix, pca.First, pca.Second, ct);
        Done("projection");

        var clusteredRows = Clustered(matrix, previous, options.MinimumVotes);
        var px = new double[clusteredRows.Length];
        var py = new double[clusteredRows.Length];
        for (var c = 0; c < clusteredRows.Length; c++) (px[c], py[c]) = (xs[clusteredRows[c]], ys[clusteredRows[c]]);
        var baseClusters = KMeans.Base(px, py, options.BaseClusters, previousBases, options.KMeansIterations, ref random, ct);

        Done("base clusters");
        var choice = ChooseGroups(baseClusters, previous, previousClusterings, options, ref random, ct);
        var groupIds = GroupIds(choice.Centers, choice.Sizes, previousGroups);

        // Group index (in id order) of each clustered participant.
        var byId = Enumerable.Range(0, groupIds.Length).OrderBy(g => groupIds[g]).ToArray();
        var rankOfGroup = new int[groupIds.Length];
        for (var r = 0; r < byId.Length; r++) rankOfGroup[byId[r]] = r;
        var groupOfRow = new int[matrix.RowCount];
        Array.Fill(groupOfRow, -1);
        for (var c = 0; c < clusteredRows.Length; c++)
            groupOfRow[clusteredRows[c]] = rankOfGroup[choice.GroupOfBase[baseClusters.Assignment[c]]];

        Done("groups");
        var counts = CountVotes(matrix, groupOfRow, byId.Length, ct);
        var representative = Representativeness.Select(counts, matrix.StatementIds, options.RepresentativeCount);
        var (consensusAgree, consensusDisagree) = Representativeness.Consensus(counts, matrix.StatementIds, options.ConsensusCount);

        Done("representativeness and consensus");
        var groups = new OpinionGroup[byId.Length];
        for (var r = 0; r < byId.Length; r++)
        {
            var g = byId[r];
            groups[r] = new OpinionGroup(groupIds[g], (int)choice.Sizes[g], choice.Centers[g].X, choice.Centers[g].Y, representative[r]);
        }
        var participants = new ParticipantPoint[matrix.RowCount];
        for (var i = 0; i < participants.Length; i++)
            participants[i] = new ParticipantPoint(matrix.ParticipantIds[i], xs[i], ys[i], groupOfRow[i] < 0 ? null : groups[groupOfRow[i]].Id);

        var state = new OpinionMapState
        {
            Statements = matrix.StatementIds,
            Component1 = pca.First.ToArray(),
            Component2 = pca.Second.ToArray(),
            Clustered = clusteredRows.Select(i => matrix.ParticipantIds[i]).ToArray(),
            BaseCenters = baseClusters.Centers,
            Clusterings = choice.Clusterings,
            LastBestK = choice.LastBestK,
            LastBestKWins = choice.LastBestKWins,
            ShownK = choice.ShownK,
            Groups = groups.Select(g => new GroupCenter(g.Id, g.X, g.Y)).ToArray(),
        };
        Done("result");
        return new OpinionMapResult(participants, groups, consensusAgree, consensusDisagree, groups.Length, state);
    }

    /// <summary>A state that cannot have come from this version, or was damaged in storage, is ignored rather than trusted.</summary>
    private static bool IsUsable(OpinionMapState s) =>
        s.Version == OpinionMapState.CurrentVersion
        && s.Statements is not null && s.Component1 is not null && s.Component2 is not null
        && s.Component1.Length == s.Statements.Length && s.Component2.Length == s.Statements.Length
        && s.Statements.Distinct().Count() == s.Statements.Length
        && s.Component1.All(double.IsFinite) && s.Component2.All(double.IsFinite)
        && s.Clustered is not null && s.BaseCenters is not null && s.Groups is not null
        && s.Clusterings is not null && s.Clusterings.All(c => c?.Centers is not null)
        && s.Groups.Select(g => g.Id).Distinct().Count() == s.Groups.Length
        && s.Groups.All(g => g.Id >= 0 && double.IsFinite(g.X) && double.IsFinite(g.Y));

    /// <summary>The previous components on today's statements: a new statement starts at 0, as if nobody had seen it.</summary>
    private static (Vector<double>?, Vector<double>?) WarmComponents(OpinionMapState? previous, int[] statements)
    {
        if (previous is null || previous.Statements.Length == 0) return (null, null);
        var at = new Dictionary<int, int>(previous.Statements.Length);
        for (var j = 0; j < previous.Statements.Length; j++) at[previous.Statements[j]] = j;
        var c1 = Vector<double>.Build.Dense(statements.Length);
        var c2 = Vector<double>.Build.Dense(statements.Length);
        for (var j = 0; j < statements.Length; j++)
            if (at.TryGetValue(statements[j], out var old)) (c1[j], c2[j]) = (previous.Component1[old], previous.Component2[old]);
        return (c1, c2);
    }

    /// <summary>
    /// Pol.is' sparsity-aware projection: each participant's coordinates from their own votes only, pushed out by
    /// sqrt(statements / votes cast) so that someone who voted on few statements is not pulled to the centre. As in
    /// Pol.is, a statement moderated out (a column zeroed for everyone) counts in both, as a pass by everyone: checked
    /// against Pol.is' published groups (compdemocracy/openData), leaving it out instead moved a third of one
    /// conversation's participants to the other group.
    /// </summary>
    private static (double[] X, double[] Y) Project(VoteMatrix m, Vector<double> c1, Vector<double> c2, CancellationToken ct)
    {
        // (value − mean) × component for each cell (column, value): a participant's coordinates are sums of look-ups.
        var table = new double[6 * m.ColumnCount];
        for (var c = 0; c < 3 * m.ColumnCount; c++)
        {
            var j = VoteMatrix.ColumnOf(c);
            var centred = VoteMatrix.ValueOf(c) - m.ColumnMeans[j];
            table[2 * c] = centred * c1[j];
            table[2 * c + 1] = centred * c2[j];
        }
        var xs = new double[m.RowCount];
        var ys = new double[m.RowCount];
        Parallel.For(0, (m.RowCount + 65535) / 65536, new ParallelOptions { CancellationToken = ct }, block =>
        {
            var end = Math.Min(m.RowCount, (block + 1) * 65536);
            for (var i = block * 65536; i < end; i++)
            {
                double x = 0, y = 0;
                for (var k = m.RowStart[i]; k < m.RowStart[i + 1]; k++)
                {
                    var at = 2 * m.Cells[k];
                    x += table[at];
                    y += table[at + 1];
                }
                var scale = Math.Sqrt((double)(m.ColumnCount + m.ZeroedColumns) / Math.Max(m.VotesOf(i) + m.ZeroedColumns, 1));
                xs[i] = x * scale;
                ys[i] = y * scale;
            }
        });
        return (xs, ys);
    }

    /// <summary>
    /// A point (x, y) of the previous map, x = v · p1 and y = v · p2, read on the new axes e1, e2 (the plane being
    /// nearly the same): (x (p1 · e1) + y (p2 · e1), x (p1 · e2) + y (p2 · e2)). Identity without previous components.
    /// </summary>
    private static Func<MapPoint, MapPoint> Turn(Vector<double>? p1, Vector<double>? p2, Vector<double> e1, Vector<double> e2)
    {
        if (p1 is null || p2 is null || !(p1.L2Norm() > 1e-8) || !(e1.L2Norm() > 0)) return point => point;
        double a = p1.DotProduct(e1), b = p2.DotProduct(e1), c = p1.DotProduct(e2), d = p2.DotProduct(e2);
        return point => new MapPoint(point.X * a + point.Y * b, point.X * c + point.Y * d);
    }

    /// <summary>
    /// Rows in the clustering, ascending: those in it last time, and those who have now voted on
    /// min(<paramref name="minimumVotes"/>, statements not moderated out) statements. As in Pol.is, a vote on a
    /// statement since moderated out still counts here: the participant did vote on it, and a first recompute then
    /// lets in the same people as a history of recomputes would have. With no statement left, nobody new comes in.
    /// </summary>
    private static int[] Clustered(VoteMatrix m, OpinionMapState? previous, int minimumVotes)
    {
        var threshold = m.ColumnCount == 0 ? int.MaxValue : Math.Min(minimumVotes, m.ColumnCount);
        var inside = new bool[m.RowCount];
        if (previous is not null)
            foreach (var id in previous.Clustered)
            {
                var row = Array.BinarySearch(m.ParticipantIds, id);
                if (row >= 0) inside[row] = true;
            }
        var rows = new List<int>();
        for (var i = 0; i < m.RowCount; i++)
            if (inside[i] || m.VotesOf(i) + m.ZeroedVotesOf(i) >= threshold) rows.Add(i);
        return [.. rows];
    }

    internal sealed record GroupChoice(
        MapPoint[] Centers, long[] Sizes, int[] GroupOfBase, GroupClustering[] Clusterings, int LastBestK, int LastBestKWins, int ShownK);

    /// <summary>
    /// k-means over the base clusters weighted by their sizes for k = 2..min(max, 2 + bases / 12) (Pol.is' bounds),
    /// the best k by silhouette, and Pol.is' k smoother: the k shown changes only once another k has been best
    /// <see cref="OpinionMapOptions.GroupCountPatience"/> recomputes in a row.
    /// </summary>
    internal static GroupChoice ChooseGroups(KMeans.Clustering bases, OpinionMapState? previous, GroupClustering[] kept, OpinionMapOptions options, ref SeededRandom random, CancellationToken ct)
    {
        var nb = bases.Centers.Length;
        int lastBest = previous?.LastBestK ?? 0, lastWins = previous?.LastBestKWins ?? 0, shown = previous?.ShownK ?? 0;
        if (nb <= 1)
        {
            // Everyone in the clustering sits on one point (or nobody is in it): one group or none, nothing to choose.
            return new(nb == 0 ? [] : [bases.Centers[0]], nb == 0 ? [] : [bases.Sizes[0]], nb == 0 ? [] : [0], kept, lastBest, lastWins, shown);
        }

        var weights = bases.Sizes.Select(s => (double)s).ToArray();
        var maxK = Math.Min(options.MaxGroups, 2 + nb / 12);
        var found = new Dictionary<int, KMeans.Clustering>();
        var silhouette = new Dictionary<int, double>();
        // A group must hold a minimum share of the clustered participants: the sparsity scale pushes a participant
        // with few votes far out, and k-means would happily make that one person a group.
        var floor = options.MinimumGroupShare * weights.Sum();
        var acceptable = new HashSet<int>();
        for (var k = 2; k <= Math.Min(maxK, nb); k++)
        {
            ct.ThrowIfCancellationRequested();
            var warm = kept.FirstOrDefault(c => c.K == k)?.Centers ?? [];
            var forK = BestClustering(bases.Centers, weights, k, warm, floor, options, ref random, ct);
            if (forK is { Acceptable: false } tooSmall)
            {
                // k-means makes a group of a few far-out base clusters: cluster the bulk without them, then let them
                // join the nearest group.
                var bulk = Enumerable.Range(0, nb).Where(b => GroupWeight(tooSmall.Clustering, weights, tooSmall.Clustering.Assignment[b]) >= floor).ToArray();
                if (bulk.Length > k && BestClustering(bulk.Select(b => bases.Centers[b]).ToArray(), bulk.Select(b => weights[b]).ToArray(), k, warm, floor, options, ref random, ct) is { } ofBulk)
                {
                    var attached = Attach(bases.Centers, weights, ofBulk.Clustering.Centers);
                    if (attached is { } a && Enumerable.Range(0, k).All(g => GroupWeight(a.Clustering, weights, g) >= floor))
                        forK = (a.Clustering, a.Inertia, true);
                }
            }
            if (forK is not { } chosenForK) continue;
            found[k] = chosenForK.Clustering;
            silhouette[k] = KMeans.Silhouette(bases.Centers, chosenForK.Clustering.Assignment, k);
            if (chosenForK.Acceptable) acceptable.Add(k);
        }
        if (found.Count == 0)
            return new([bases.Centers[0]], [bases.Sizes.Sum()], new int[nb], kept, lastBest, lastWins, shown);
        // Only if no k gives groups of the minimum share are small groups allowed.
        if (acceptable.Count > 0)
            foreach (var k in found.Keys.Where(k => !acceptable.Contains(k)).ToList()) found.Remove(k);

        var best = found.Keys.OrderByDescending(k => silhouette[k]).ThenBy(k => k).First();
        var wins = best == lastBest ? lastWins + 1 : 1;
        if (wins >= options.GroupCountPatience || shown == 0 || !found.ContainsKey(shown)) shown = best;

        var chosen = found[shown];
        var sizes = new long[shown];
        for (var b = 0; b < nb; b++) sizes[chosen.Assignment[b]] += bases.Sizes[b];
        var clusterings = kept.Where(c => !found.ContainsKey(c.K))
            .Concat(found.Select(f => new GroupClustering(f.Key, f.Value.Centers)))
            .OrderBy(c => c.K).ToArray();
        return new(chosen.Centers, sizes, chosen.Assignment, clusterings, best, wins, shown);
    }

    /// <summary>
    /// The best k-means clustering of weighted points into exactly k groups: the warm start, then
    /// <see cref="OpinionMapOptions.GroupRestarts"/> seeded starts alternating between k-means++ (finds well-spread
    /// groups) and seeds drawn by weight (does not seek out the farthest outlier). Groups of the minimum share beat
    /// lower spread; otherwise the least weighted spread wins, and only a clearly better clustering replaces the one in
    /// hand (the warm one first), so the same partition found again does not churn.
    /// </summary>
    private static (KMeans.Clustering Clustering, double Inertia, bool Acceptable)? BestClustering(
        MapPoint[] points, double[] weights, int k, MapPoint[] warm, double floor, OpinionMapOptions options, ref SeededRandom random, CancellationToken ct)
    {
        (KMeans.Clustering Clustering, double Inertia, bool Acceptable)? best = null;
        for (var r = warm.Length > 0 ? -1 : 0; r < Math.Max(options.GroupRestarts, 1); r++)
        {
            var (c, inertia) = KMeans.Weighted(points, weights, k, r < 0 ? warm : [], options.KMeansIterations, ref random, ct, spreadSeeds: r % 2 == 0);
            if (c.Centers.Length != k) continue;   // fewer distinct points than k
            var ok = Enumerable.Range(0, k).All(g => GroupWeight(c, weights, g) >= floor);
            if (best is not { } b || (ok && !b.Acceptable) || (ok == b.Acceptable && inertia < b.Inertia * (1 - 1e-9)))
                best = (c, inertia, ok);
        }
        return best;
    }

    private static double GroupWeight(KMeans.Clustering c, double[] weights, int group)
    {
        double sum = 0;
        for (var b = 0; b < c.Assignment.Length; b++)
            if (c.Assignment[b] == group) sum += weights[b];
        return sum;
    }

    /// <summary>Every point to its nearest centre, then each centre to its points' weighted mean; null if a centre gets none.</summary>
    private static (KMeans.Clustering Clustering, double Inertia)? Attach(MapPoint[] points, double[] weights, MapPoint[] centers)
    {
        var k = centers.Length;
        var assignment = new int[points.Length];
        var sums = new double[3 * k];
        for (var b = 0; b < points.Length; b++)
        {
            var nearest = 0;
            var least = double.PositiveInfinity;
            for (var g = 0; g < k; g++)
            {
                var d = (points[b].X - centers[g].X) * (points[b].X - centers[g].X) + (points[b].Y - centers[g].Y) * (points[b].Y - centers[g].Y);
                if (d < least) (least, nearest) = (d, g);
            }
            assignment[b] = nearest;
            sums[3 * nearest] += weights[b] * points[b].X;
            sums[3 * nearest + 1] += weights[b] * points[b].Y;
            sums[3 * nearest + 2] += weights[b];
        }
        if (Enumerable.Range(0, k).Any(g => sums[3 * g + 2] == 0)) return null;
        var moved = Enumerable.Range(0, k).Select(g => new MapPoint(sums[3 * g] / sums[3 * g + 2], sums[3 * g + 1] / sums[3 * g + 2])).ToArray();
        double inertia = 0;
        var sizes = new long[k];
        for (var b = 0; b < points.Length; b++)
        {
            var g = assignment[b];
            sizes[g]++;
            inertia += weights[b] * ((points[b].X - moved[g].X) * (points[b].X - moved[g].X) + (points[b].Y - moved[g].Y) * (points[b].Y - moved[g].Y));
        }
        return (new KMeans.Clustering(moved, assignment, sizes), inertia);
    }

    /// <summary>
    /// Ids that follow the groups from one recompute to the next, so colours do not swap: the matching of new to old
    /// centres with the least total distance keeps the old ids; a group with no match takes the smallest free id,
    /// larger groups first.
    /// </summary>
    private static int[] GroupIds(MapPoint[] centers, long[] sizes, GroupCenter[] old)
    {
        var k = centers.Length;
        var ids = new int[k];
        Array.Fill(ids, -1);
        if (old.Length > 0 && k > 0)
        {
            var bestCost = double.PositiveInfinity;
            var bestMatch = new int[k];
            var match = new int[k];
            var used = new bool[old.Length];
            var toMatch = Math.Min(k, old.Length);
            void Search(int g, int matched, double cost)
            {
                if (cost >= bestCost) return;
                if (g == k)
                {
                    if (matched < toMatch) return;
                    bestCost = cost;
                    match.CopyTo(bestMatch, 0);
                    return;
                }
                if (k - g > toMatch - matched)   // enough groups left to leave this one unmatched
                {
                    match[g] = -1;
                    Search(g + 1, matched, cost);
                }
                for (var o = 0; o < old.Length; o++)
                {
                    if (used[o]) continue;
                    used[o] = true;
                    match[g] = o;
                    var dx = centers[g].X - old[o].X;
                    var dy = centers[g].Y - old[o].Y;
                    Search(g + 1, matched + 1, cost + Math.Sqrt(dx * dx + dy * dy));
                    used[o] = false;
                }
            }
            Search(0, 0, 0);
            for (var g = 0; g < k; g++) ids[g] = bestMatch[g] < 0 ? -1 : old[bestMatch[g]].Id;
        }
        var taken = new HashSet<int>(ids.Where(id => id >= 0));
        var next = 0;
        foreach (var g in Enumerable.Range(0, k).Where(g => ids[g] < 0).OrderByDescending(g => sizes[g]).ThenBy(g => g))
        {
            while (taken.Contains(next)) next++;
            ids[g] = next;
            taken.Add(next);
        }
        return ids;
    }

    private static Representativeness.Counts[][] CountVotes(VoteMatrix m, int[] groupOfRow, int groups, CancellationToken ct)
    {
        var agree = new int[groups, m.ColumnCount];
        var disagree = new int[groups, m.ColumnCount];
        var seen = new int[groups, m.ColumnCount];
        for (var i = 0; i < m.RowCount; i++)
        {
            if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var g = groupOfRow[i];
            if (g < 0) continue;
            for (var k = m.RowStart[i]; k < m.RowStart[i + 1]; k++)
            {
                var j = VoteMatrix.ColumnOf(m.Cells[k]);
                var value = VoteMatrix.ValueOf(m.Cells[k]);
                seen[g, j]++;
                if (value > 0) agree[g, j]++;
                else if (value < 0) disagree[g, j]++;
            }
        }
        var counts = new Representativeness.Counts[groups][];
        for (var g = 0; g < groups; g++)
        {
            counts[g] = new Representativeness.Counts[m.ColumnCount];
            for (var j = 0; j < m.ColumnCount; j++) counts[g][j] = new(agree[g, j], disagree[g, j], seen[g, j]);
        }
        return counts;
    }
}
