using Grassroots.Ballots.Ranked;

namespace Grassroots.Ballots.Counting;

/// <summary>What a motion is counted by: its method, options, seats, threshold, quorum, and the roll when voting opened.</summary>
public sealed record MotionRules(MotionMethod Method, IReadOnlyList<string> Options, int Seats, Threshold Threshold, Quorum Quorum, int Roll);

/// <summary>
/// A motion's result. Every method reports the ballots counted and the quorum; a yes/no motion its yes, no and
/// abstentions and whether it passed; approval each option's approvals; a ranked count its round table. Winners are
/// option indexes (0-based) in the order they were elected.
/// </summary>
public sealed record MotionResult(
    string Method,
    long Ballots,
    int Roll,
    long QuorumRequired,
    bool QuorumMet,
    long? Yes,
    long? No,
    long? Abstain,
    string? Threshold,
    bool? Passed,
    IReadOnlyList<long>? Approvals,
    RoundTable? Rounds,
    IReadOnlyList<int> Winners,
    TieBreak TieBreak);

/// <summary>Counts a motion's ballots (canonical <see cref="Choices"/> strings). The server and `verify` both call this.</summary>
public static class MotionCount
{
    public static MotionResult Count(MotionRules rules, IEnumerable<string> ballots, ReadOnlySpan<byte> seed)
    {
        if (rules.Seats < 1 || rules.Seats > Math.Max(1, rules.Options.Count)) throw new FormatException($"A motion fills 1 to {Math.Max(1, rules.Options.Count)} seats, not {rules.Seats}.");
        if (rules.Method != MotionMethod.YesNo && rules.Options.Count < 1) throw new FormatException("A motion of this method needs its options.");
        var required = rules.Quorum.Required(rules.Roll);
        switch (rules.Method)
        {
            case MotionMethod.YesNo:
            {
                long yes = 0, no = 0, abstain = 0;
                foreach (var b in ballots)
                {
                    if (b == Choices.Yes) yes++;
                    else if (b == Choices.No) no++;
                    else if (b == Choices.Abstain) abstain++;
                    else throw new FormatException($"\"{b}\" is not a yes/no ballot.");
                }
                var cast = yes + no + abstain;
                var met = cast >= required;
                var passed = met && rules.Threshold.Passes(yes, no);
                return new MotionResult("yes-no", cast, rules.Roll, required, met, yes, no, abstain, rules.Threshold.Code(), passed, null, null, [], TieBreak.None);
            }
            case MotionMethod.Approval:
            {
                var counts = new long[rules.Options.Count];
                long cast = 0;
                foreach (var b in ballots)
                {
                    cast++;
                    foreach (var o in Choices.Approved(b)) counts[o]++;
                }
                var met = cast >= required;
                var (winners, tie) = met ? Top(counts, rules.Seats, seed) : ([], TieBreak.None);
                return new MotionResult("approval", cast, rules.Roll, required, met, null, null, null, null, null, counts, null, winners, tie);
            }
            default:
            {
                var builder = RankedBallots.Create(rules.Options.Count);
                long cast = 0;
                foreach (var b in ballots)
                {
                    cast++;
                    builder.Add(Choices.Ranking(b));
                }
                var met = cast >= required;
                var ranked = builder.Build();
                var table = rules.Method == MotionMethod.InstantRunoff
                    ? InstantRunoff.Count(ranked, rules.Options, seed)
                    : SingleTransferableVote.Count(ranked, rules.Options, rules.Seats, seed);
                var tie = table.Rounds.Any(r => r.TieBreak == TieBreak.Lot) ? TieBreak.Lot : table.Rounds.Any(r => r.TieBreak == TieBreak.EarlierRound) ? TieBreak.EarlierRound : TieBreak.None;
                // No ballot, no winner: an empty count would elect by lot alone, from a seed known in advance.
                return new MotionResult(rules.Method.Code(), cast, rules.Roll, required, met, null, null, null, null, null, null, table, met && ranked.Total > 0 ? table.Winners : [], tie);
            }
        }
    }

    /// <summary>The <paramref name="seats"/> most-approved options; a tie at the cut by lot.</summary>
    private static (int[] Winners, TieBreak Tie) Top(long[] counts, int seats, ReadOnlySpan<byte> seed)
    {
        var order = Enumerable.Range(0, counts.Length).OrderByDescending(o => counts[o]).ToList();
        if (seats >= order.Count) return (order.Where(o => counts[o] > 0).ToArray(), TieBreak.None);
        var cut = counts[order[seats - 1]];
        if (cut == 0) return (order.Where(o => counts[o] > 0).ToArray(), TieBreak.None);
        var sure = order.Where(o => counts[o] > cut).ToList();
        var tied = order.Where(o => counts[o] == cut).ToList();
        if (sure.Count + tied.Count == seats) return ([.. sure, .. tied], TieBreak.None);
        var round = 0;
        while (sure.Count < seats)
        {
            var pick = Lot.Draw(tied, seed, ++round);
            sure.Add(pick);
            tied.Remove(pick);
        }
        return ([.. sure], TieBreak.Lot);
    }
}
