using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

/// <summary>Small elections written out by hand: each ballot a ranking of 0-based candidates, with a weight.</summary>
internal static class Elections
{
    public static readonly byte[] Seed = "test seed"u8.ToArray();

    public static RankedBallots Cast(int candidates, params (long Weight, int[] Ranking)[] ballots)
    {
        var b = RankedBallots.Create(candidates);
        foreach (var (w, r) in ballots) b.Add(r, w);
        return b.Build();
    }

    public static string[] Names(int n) => Enumerable.Range(0, n).Select(i => ((char)('A' + i)).ToString()).ToArray();

    public static decimal[] Votes(Round r) => r.Votes.ToArray();
}
