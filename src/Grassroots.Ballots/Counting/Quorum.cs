namespace Grassroots.Ballots.Counting;

/// <summary>
/// How many ballots (abstentions included) a motion needs for its result to stand: at least <see cref="Ballots"/>, and
/// at least <see cref="PercentOfRoll"/> percent of the eligibility roll as it stood when voting opened, whichever is
/// more. Zero and zero: no quorum.
/// </summary>
public sealed record Quorum(int Ballots = 0, int PercentOfRoll = 0)
{
    public const int MaxBallots = 10_000_000;

    /// <summary>What is wrong with these rules, or null: negative numbers, a share over 100%, a count the roll can't reach.</summary>
    public string? Problem(int roll)
    {
        if (Ballots < 0 || Ballots > MaxBallots) return $"A quorum's number of ballots must be between 0 and {MaxBallots:N0}.";
        if (PercentOfRoll < 0 || PercentOfRoll > 100) return "A quorum's share of the roll must be between 0 and 100 percent.";
        if (Required(roll) > roll) return $"The quorum asks for {Required(roll):N0} ballots but only {roll:N0} may vote: it could never be met.";
        return null;
    }

    public long Required(int roll) => Math.Max(Ballots, ((long)roll * PercentOfRoll + 99) / 100);
}
