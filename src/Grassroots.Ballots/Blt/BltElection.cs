using Grassroots.Ballots.Ranked;

namespace Grassroots.Ballots.Blt;

/// <summary>
/// One ballot of a BLT file as marked: each rank a candidate (0-based), <see cref="Mark.Skipped"/> or
/// <see cref="Mark.Overvote"/>; each overvote's candidates in order (null when the file wrote "-=-": not named).
/// </summary>
public sealed record BltBallot(long Weight, int[] Marks, IReadOnlyList<int[]?>? Overvotes = null);

/// <summary>An election as a BLT file holds it: candidates, seats, withdrawn candidates, ballots, title.</summary>
public sealed record BltElection(int Seats, IReadOnlyList<string> Candidates, IReadOnlyList<int> Withdrawn, IReadOnlyList<BltBallot> Ballots, string Title)
{
    public RankedBallots Rank(RankingRules? rules = null)
    {
        var builder = RankedBallots.Create(Candidates.Count, rules);
        foreach (var b in Ballots) builder.Add(b.Marks, b.Weight, b.Overvotes);
        return builder.Build();
    }
}

/// <summary>A BLT file that can't be read, with the line and what is wrong there.</summary>
public sealed class BltFormatException(int line, string message) : FormatException($"line {line}: {message}")
{
    public int Line { get; } = line;
}
