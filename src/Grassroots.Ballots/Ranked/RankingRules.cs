namespace Grassroots.Ballots.Ranked;

/// <summary>What a skipped rank does to a ballot.</summary>
public enum SkippedRanks
{
    /// <summary>Passed over: the next marked rank counts (San Francisco, Oakland, Burlington, Minneapolis).</summary>
    PassOver = 0,
    /// <summary>Two or more consecutive skipped ranks exhaust the ballot there; one is passed over (Maine).</summary>
    ExhaustAfterTwo = 1,
}

/// <summary>What an overvote (two or more candidates marked at one rank) does to a ballot.</summary>
public enum Overvotes
{
    /// <summary>The ballot exhausts when the count reaches that rank (San Francisco, Oakland, Maine).</summary>
    Exhaust = 0,
    /// <summary>The rank is passed over like a skipped one (Minneapolis).</summary>
    PassOver = 1,
    /// <summary>
    /// When the count reaches that rank, it counts for the one marked candidate still in the count; with two or more
    /// still in, the ballot exhausts; with none, the rank is passed over (Burlington's ChoicePlus count of 2009). An
    /// overvote whose candidates the file does not name exhausts.
    /// </summary>
    CountIfOneContinuing = 2,
}

/// <summary>
/// How marks that are not one candidate per rank are read. A convention ballot cast on this site never has them (it
/// is refused), but public elections' ballots do; these are the rules US cities count them by.
/// A candidate ranked again at a later rank: the repeat is passed over. A ballot that marks no candidate at all (only
/// skips, and overvotes when they are passed over) is blank: it is not counted, as the cities leave blank ballots out.
/// </summary>
public sealed record RankingRules(SkippedRanks Skipped = SkippedRanks.PassOver, Overvotes Overvotes = Overvotes.Exhaust)
{
    public static readonly RankingRules Default = new();
}
