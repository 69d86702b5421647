namespace Grassroots.Ballots.Ranked;

/// <summary>How a tie was settled: by the earlier rounds (the last round in which the tied candidates differed), or by lot.</summary>
public enum TieBreak { None = 0, EarlierRound = 1, Lot = 2 }

/// <summary>
/// One round (a stage, in single transferable vote) of a ranked count: every candidate's votes after this round's
/// transfers, and what the count did at its end: who was elected, who was eliminated, whose surplus moves on.
/// Votes are exact decimals (single transferable vote carries five decimal places; instant runoff whole votes).
/// </summary>
public sealed record Round(
    int Number,
    IReadOnlyList<decimal> Votes,
    decimal Exhausted,
    decimal LostToRounding,
    IReadOnlyList<int> Elected,
    IReadOnlyList<int> Eliminated,
    int? SurplusOf,
    decimal? TransferValue,
    TieBreak TieBreak);

/// <summary>A ranked count's whole story: its rounds and its winners, in the order they were elected.</summary>
public sealed record RoundTable(
    string Method,
    int Seats,
    IReadOnlyList<string> Candidates,
    long Ballots,
    decimal? Quota,
    IReadOnlyList<Round> Rounds,
    IReadOnlyList<int> Winners)
{
    public IEnumerable<string> WinnerNames => Winners.Select(w => Candidates[w]);
}
