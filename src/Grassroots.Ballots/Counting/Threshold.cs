namespace Grassroots.Ballots.Counting;

/// <summary>
/// The share of yes votes a yes/no motion needs, of the votes cast for or against (abstentions count toward the
/// quorum only, as Robert's Rules count them): a majority is more than half; three fifths and two thirds are at least
/// that share.
/// </summary>
public enum Threshold { Majority = 0, ThreeFifths = 1, TwoThirds = 2 }

public static class Thresholds
{
    public static bool Passes(this Threshold threshold, long yes, long no) => yes > 0 && threshold switch
    {
        Threshold.Majority => yes * 2 > yes + no,
        Threshold.ThreeFifths => yes * 5 >= (yes + no) * 3,
        Threshold.TwoThirds => yes * 3 >= (yes + no) * 2,
        _ => throw new ArgumentOutOfRangeException(nameof(threshold)),
    };

    public static string Code(this Threshold t) => t switch { Threshold.Majority => "majority", Threshold.ThreeFifths => "three-fifths", _ => "two-thirds" };

    public static Threshold? Parse(string? code) => code switch
    {
        "majority" => Threshold.Majority,
        "three-fifths" or "3/5" => Threshold.ThreeFifths,
        "two-thirds" or "2/3" => Threshold.TwoThirds,
        _ => null,
    };
}
