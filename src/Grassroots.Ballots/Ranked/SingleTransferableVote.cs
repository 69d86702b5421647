namespace Grassroots.Ballots.Ranked;

/// <summary>Options of a single-transferable-vote count.</summary>
/// <param name="Withdrawn">Candidates out before the count starts: passed over on every ballot.</param>
public sealed record SingleTransferableVoteOptions(IReadOnlyCollection<int>? Withdrawn = null);

/// <summary>
/// Single transferable vote for several seats, by the weighted inclusive Gregory method as Scotland's local elections
/// count it (the Scottish Local Government Elections Order 2007, rules 45–52):
/// <list type="number">
/// <item>The quota is the Droop quota: ⌊valid ballots ÷ (seats + 1)⌋ + 1.</item>
/// <item>A candidate whose votes reach the quota is elected; elected candidates receive no more ballots.</item>
/// <item>The largest surplus not yet transferred moves first: every ballot on the elected candidate's pile moves on,
/// its value multiplied by surplus ÷ the candidate's votes and truncated to five decimal places; what truncation drops
/// is reported as lost to rounding.</item>
/// <item>With no surplus to move, the candidate with the fewest votes is excluded and all their ballots move on at
/// the value they carry.</item>
/// <item>One surplus or one exclusion per stage. Ties go to the earlier stages, then to lot.</item>
/// <item>The count ends when every seat is filled, or when the continuing candidates are no more than the seats left
/// (they are all elected).</item>
/// </list>
/// </summary>
public static class SingleTransferableVote
{
    /// <summary>Five decimal places, as the Scottish rules count.</summary>
    public const long Scale = 100_000;

    public static RoundTable Count(RankedBallots ballots, IReadOnlyList<string> candidates, int seats, ReadOnlySpan<byte> seed, SingleTransferableVoteOptions? options = null)
    {
        if (candidates.Count != ballots.Candidates) throw new ArgumentException("One name per candidate.", nameof(candidates));
        if (seats < 1) throw new ArgumentOutOfRangeException(nameof(seats), "At least one seat.");
        var n = ballots.Candidates;
        var piles = new Piles(ballots, Scale);
        foreach (var w in options?.Withdrawn ?? []) piles.Continuing[w] = false;
        piles.PlaceAll();

        var quota = (ballots.Total / (seats + 1) + 1) * Scale;
        var elected = new List<int>();
        var pendingSurplus = new List<int>();
        var history = new List<long[]>();
        var rounds = new List<Round>();
        var rounding = 0L;

        for (var stage = 1; ; stage++)
        {
            var votes = (long[])piles.Votes.Clone();
            history.Add(votes);
            var newly = new List<int>();
            var tie = TieBreak.None;

            // Elect everyone at or over the quota, the largest first.
            var reaching = Enumerable.Range(0, n).Where(c => piles.Continuing[c] && votes[c] >= quota).ToList();
            while (reaching.Count > 0 && elected.Count < seats)
            {
                var top = reaching.Max(c => votes[c]);
                var (next, how) = Lot.Settle(reaching.Where(c => votes[c] == top).ToList(), history, lowest: false, seed, stage);
                if (how != TieBreak.None) tie = how;
                reaching.Remove(next);
                Elect(next);
            }
            var left = Enumerable.Range(0, n).Where(c => piles.Continuing[c]).ToList();
            if (elected.Count < seats && left.Count <= seats - elected.Count)
                foreach (var c in left.OrderByDescending(c => votes[c])) Elect(c);

            var exhausted = piles.Exhausted;
            var surplusOf = pendingSurplus.Where(c => piles.Votes[c] > quota).ToList();
            if (elected.Count >= seats || (left.Count == 0 && surplusOf.Count == 0))
            {
                rounds.Add(Stage(stage, votes, exhausted, rounding, newly, [], null, null, tie));
                return new RoundTable("stv", seats, candidates, ballots.Total, quota / (decimal)Scale, rounds, elected);
            }

            pendingSurplus.RemoveAll(c => piles.Votes[c] <= quota);
            if (surplusOf.Count > 0)
            {
                var largest = surplusOf.Max(c => piles.Votes[c]);
                var (c, how) = Lot.Settle(surplusOf.Where(x => piles.Votes[x] == largest).ToList(), history, lowest: false, seed, stage);
                if (how != TieBreak.None) tie = how;
                var total = piles.Votes[c];
                var surplus = total - quota;
                rounds.Add(Stage(stage, votes, exhausted, rounding, newly, [], c, Truncate((decimal)surplus / total), tie));
                var lost = piles.Transfer(c, surplus, total);
                rounding += lost - quota;   // what stays with c is its quota; the rest of what the values lost is rounding
                piles.Votes[c] = quota;
                pendingSurplus.Remove(c);
                continue;
            }

            var lowestVotes = left.Min(c => votes[c]);
            var (excl, exclHow) = Lot.Settle(left.Where(c => votes[c] == lowestVotes).ToList(), history.Take(history.Count - 1).ToList(), lowest: true, seed, stage);
            if (exclHow != TieBreak.None) tie = exclHow;
            rounds.Add(Stage(stage, votes, exhausted, rounding, newly, [excl], null, null, tie));
            piles.Continuing[excl] = false;
            piles.Transfer(excl);

            void Elect(int c)
            {
                elected.Add(c);
                newly.Add(c);
                piles.Continuing[c] = false;
                pendingSurplus.Add(c);
            }
        }
    }

    private static Round Stage(int number, long[] votes, long exhausted, long rounding, List<int> elected, int[] excluded, int? surplusOf, decimal? value, TieBreak tie) =>
        new(number, Array.ConvertAll(votes, v => v / (decimal)Scale), exhausted / (decimal)Scale, rounding / (decimal)Scale, [.. elected], excluded, surplusOf, value, tie);

    private static decimal Truncate(decimal d) => Math.Truncate(d * Scale) / Scale;
}
