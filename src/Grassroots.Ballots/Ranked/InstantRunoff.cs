namespace Grassroots.Ballots.Ranked;

/// <summary>Options of an instant-runoff count.</summary>
/// <param name="BatchElimination">
/// Eliminate at once every candidate who can't win: the largest group of last-placed candidates whose votes together
/// are fewer than the next candidate's. It never changes the winner, only the number of rounds; San Francisco and
/// Burlington report their rounds this way.
/// </param>
/// <param name="Withdrawn">Candidates out before the count starts (a BLT file's withdrawn line): passed over on every ballot.</param>
public sealed record InstantRunoffOptions(bool BatchElimination = false, IReadOnlyCollection<int>? Withdrawn = null);

/// <summary>
/// Instant runoff for one seat. Each round, every ballot counts for its highest-ranked continuing candidate; a
/// candidate with more than half of the ballots still counting wins; otherwise the last-placed candidate is
/// eliminated and their ballots move to each one's next continuing choice. A ballot with no continuing choice left
/// is exhausted. Ties for last place go to the earlier rounds, then to lot (<see cref="Lot"/>).
/// Runs in time proportional to the marks on the ballots: each ballot moves only when its candidate is eliminated.
/// </summary>
public static class InstantRunoff
{
    public static RoundTable Count(RankedBallots ballots, IReadOnlyList<string> candidates, ReadOnlySpan<byte> seed, InstantRunoffOptions? options = null)
    {
        options ??= new InstantRunoffOptions();
        if (candidates.Count != ballots.Candidates) throw new ArgumentException("One name per candidate.", nameof(candidates));
        var n = ballots.Candidates;
        var piles = new Piles(ballots);
        foreach (var w in options.Withdrawn ?? []) piles.Continuing[w] = false;
        piles.PlaceAll();

        var rounds = new List<Round>();
        var history = new List<long[]>();
        for (var number = 1; ; number++)
        {
            var votes = (long[])piles.Votes.Clone();
            history.Add(votes);
            var counting = 0L;
            var left = new List<int>();
            for (var c = 0; c < n; c++) if (piles.Continuing[c]) { counting += votes[c]; left.Add(c); }
            var exhausted = ballots.Total - counting;

            var leader = left.Count == 0 ? -1 : left.MaxBy(c => votes[c]);
            if (counting == 0) leader = -1;   // nothing left to count: nobody wins
            if (leader < 0 || left.Count == 1 || votes[leader] * 2 > counting)
            {
                var tie = TieBreak.None;
                if (leader >= 0 && left.Count > 1 && left.Count(c => votes[c] == votes[leader]) > 1)   // can't be with a majority; kept for safety
                    (leader, tie) = Lot.Settle(left.Where(c => votes[c] == votes[leader]).ToList(), history, lowest: false, seed, number);
                int[] won = leader < 0 ? [] : [leader];
                rounds.Add(new Round(number, Decimals(votes), exhausted, 0, won, [], null, null, tie));
                return new RoundTable("irv", 1, candidates, ballots.Total, null, rounds, won);
            }

            var (out_, how) = Eliminate(left, votes, history, seed, number, options.BatchElimination);
            rounds.Add(new Round(number, Decimals(votes), exhausted, 0, [], out_, null, null, how));
            foreach (var c in out_) piles.Continuing[c] = false;
            foreach (var c in out_) piles.Transfer(c);
        }
    }

    private static (int[] Out, TieBreak How) Eliminate(List<int> left, long[] votes, List<long[]> history, ReadOnlySpan<byte> seed, int round, bool batch)
    {
        var sorted = left.OrderBy(c => votes[c]).ToList();
        if (batch)
        {
            // The largest k, leaving at least two, whose k smallest totals together stay below the (k+1)th.
            var sum = 0L;
            var k = 0;
            for (var i = 0; i < sorted.Count - 2; i++)
            {
                sum += votes[sorted[i]];
                if (sum < votes[sorted[i + 1]]) k = i + 1;
            }
            if (k >= 2) return ([.. sorted.Take(k)], TieBreak.None);
        }
        var lowest = votes[sorted[0]];
        var tied = sorted.Where(c => votes[c] == lowest).ToList();
        var (chosen, how) = Lot.Settle(tied, history.Take(history.Count - 1).ToList(), lowest: true, seed, round);
        return ([chosen], how);
    }

    internal static decimal[] Decimals(long[] votes) => Array.ConvertAll(votes, v => (decimal)v);
}
