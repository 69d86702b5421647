namespace Grassroots.Ballots.Ranked;

/// <summary>One rank of a ballot as marked: a candidate (0-based), nothing, or several candidates.</summary>
public static class Mark
{
    public const int Skipped = -1;
    public const int Overvote = -2;
}
