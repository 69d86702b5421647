namespace Grassroots.Opinion;

/// <summary>
/// Which statements set each group apart (Pol.is' repness, polismath repness.clj) and which statements every group
/// tends to agree or disagree with (group-aware consensus), from per-group vote counts.
/// </summary>
internal static class Representativeness
{
    // One-sided z for 90% confidence, Pol.is' threshold.
    private const double Z90 = 1.2816;

    /// <summary>Votes of one group on one statement: agrees, disagrees, and all votes seen (passes included).</summary>
    public readonly record struct Counts(int Agree, int Disagree, int Seen);

    /// <summary>Pol.is' prop-test: a z-score that the share of successes is above ½, with one pseudo-count.</summary>
    public static double ProportionZ(int successes, int trials) =>
        2 * Math.Sqrt(trials + 1.0) * ((successes + 1.0) / (trials + 1.0) - 0.5);

    /// <summary>Pol.is' two-prop-test: z-score that the share in the group is above the share in the rest, pseudo-counts of one.</summary>
    public static double TwoProportionZ(int successesIn, int successesOut, int trialsIn, int trialsOut)
    {
        double s1 = successesIn + 1.0, s2 = successesOut + 1.0, n1 = trialsIn + 1.0, n2 = trialsOut + 1.0;
        var pooled = (s1 + s2) / (n1 + n2);
        if (pooled >= 1) return 0;   // Pol.is: undefined, taken as no difference
        return (s1 / n1 - s2 / n2) / Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    }

    private readonly record struct Stats(
        int Column, int Na, int Nd, int Ns, double Pa, double Pd, double Pat, double Pdt, double Ra, double Rd, double Rat, double Rdt)
    {
        public bool Passes => (Rat > Z90 && Pat > Z90) || (Rdt > Z90 && Pdt > Z90);
        public bool AgreeWins => Rat > Rdt;
        public double BestTest => AgreeWins ? Rat : Rdt;
        public double Metric => AgreeWins ? Ra * Rat * Pa * Pat : Rd * Rdt * Pd * Pdt;
    }

    /// <summary>
    /// Representative statements of each group, by Pol.is' rules: a statement passes when its share (agree or
    /// disagree) is significantly above ½ in the group and significantly above the rest's; passing ones are ordered
    /// by ra × rat × pa × pat; the group's best agreed statement goes first; at most <paramref name="take"/>, agrees
    /// before disagrees; when none passes, the best agreed one, else the one with the best two-proportion test.
    /// </summary>
    /// <param name="counts">counts[group][column].</param>
    public static List<RepresentativeStatement>[] Select(Counts[][] counts, int[] statementIds, int take)
    {
        var groups = counts.Length;
        var columns = statementIds.Length;
        var result = new List<RepresentativeStatement>[groups];
        for (var g = 0; g < groups; g++)
        {
            var sufficient = new List<Stats>();
            Stats? best = null, bestAgree = null;
            for (var j = 0; j < columns; j++)
            {
                int restA = 0, restD = 0, restS = 0;
                for (var o = 0; o < groups; o++)
                {
                    if (o == g) continue;
                    restA += counts[o][j].Agree;
                    restD += counts[o][j].Disagree;
                    restS += counts[o][j].Seen;
                }
                var (na, nd, ns) = counts[g][j];
                double pa = (na + 1.0) / (ns + 2.0), pd = (nd + 1.0) / (ns + 2.0);
                var s = new Stats(j, na, nd, ns, pa, pd, ProportionZ(na, ns), ProportionZ(nd, ns),
                    pa / ((restA + 1.0) / (restS + 2.0)), pd / ((restD + 1.0) / (restS + 2.0)),
                    TwoProportionZ(na, restA, ns, restS), TwoProportionZ(nd, restD, ns, restS));

                if (s.Passes) sufficient.Add(s);
                // Pol.is' fallback takes the best two-proportion test even on a statement the group only passed on;
                // a group that took no side on anything has nothing it stands for.
                if (sufficient.Count == 0 && (s.Na > 0 || s.Nd > 0) && (best is null || Math.Max(s.Rat, s.Rdt) > best.Value.BestTest)) best = s;
                if (BeatsBestAgree(s, bestAgree)) bestAgree = s;
            }

            var chosen = new List<RepresentativeStatement>();
            if (sufficient.Count == 0)
            {
                if (bestAgree is { } ba) chosen.Add(Finish(ba, statementIds, true));
                else if (best is { } b) chosen.Add(Finish(b, statementIds, false));
            }
            else
            {
                var ordered = sufficient
                    .Where(s => bestAgree is null || s.Column != bestAgree.Value.Column)
                    .OrderByDescending(s => s.Metric)   // stable: ties keep statement order
                    .Select(s => Finish(s, statementIds, false));
                var head = bestAgree is { } ba ? [Finish(ba, statementIds, true)] : Array.Empty<RepresentativeStatement>();
                var top = head.Concat(ordered).Take(take).ToList();
                chosen.AddRange(top.Where(r => r.For == Stance.Agree));
                chosen.AddRange(top.Where(r => r.For == Stance.Disagree));
            }
            result[g] = chosen.Take(take).ToList();
        }
        return result;
    }

    /// <summary>
    /// Pol.is' beats-best-agr?: never a statement nobody in the group agreed or disagreed with; against a best that
    /// is representative (ra > 1) compare ra × rat × pa × pat, against another pa × pat; the first one must either be
    /// significantly agreed with or both more agreed with than elsewhere and by a majority.
    /// </summary>
    private static bool BeatsBestAgree(Stats s, Stats? current)
    {
        if (s.Na == 0 && s.Nd == 0) return false;
        if (current is { } c)
            return c.Ra > 1.0 ? s.Ra * s.Rat * s.Pa * s.Pat > c.Ra * c.Rat * c.Pa * c.Pat : s.Pa * s.Pat > c.Pa * c.Pat;
        return s.Pat > Z90 || (s.Ra > 1.0 && s.Pa > 0.5);
    }

    // Pol.is' finalize-cmt-stats: reported for agree when its two-proportion test beats disagree's, else for disagree.
    private static RepresentativeStatement Finish(Stats s, int[] statementIds, bool bestAgree) => s.AgreeWins
        ? new(statementIds[s.Column], Stance.Agree, s.Na, s.Ns, s.Pa, s.Pat, s.Ra, s.Rat, bestAgree)
        : new(statementIds[s.Column], Stance.Disagree, s.Nd, s.Ns, s.Pd, s.Pdt, s.Rd, s.Rdt, bestAgree);

    /// <summary>
    /// Group-aware consensus: for each statement the product over groups of (agrees + 1) / (votes + 2) (Pol.is'
    /// group-aware-consensus), and the same for disagrees. Listed are the statements every group tends to agree
    /// (or disagree) with — each group's factor above ½ — strongest first, at most <paramref name="take"/>.
    /// </summary>
    public static (List<ConsensusStatement> Agree, List<ConsensusStatement> Disagree) Consensus(Counts[][] counts, int[] statementIds, int take)
    {
        var groups = counts.Length;
        var all = new List<ConsensusStatement>();
        if (groups == 0) return ([], []);
        for (var j = 0; j < statementIds.Length; j++)
        {
            var ga = new double[groups];
            var gd = new double[groups];
            double agree = 1, disagree = 1;
            for (var g = 0; g < groups; g++)
            {
                var c = counts[g][j];
                ga[g] = (c.Agree + 1.0) / (c.Seen + 2.0);
                gd[g] = (c.Disagree + 1.0) / (c.Seen + 2.0);
                agree *= ga[g];
                disagree *= gd[g];
            }
            all.Add(new(statementIds[j], agree, disagree, ga, gd));
        }
        return (
            all.Where(s => s.GroupAgree.All(p => p > 0.5)).OrderByDescending(s => s.Agree).Take(take).ToList(),
            all.Where(s => s.GroupDisagree.All(p => p > 0.5)).OrderByDescending(s => s.Disagree).Take(take).ToList());
    }
}
