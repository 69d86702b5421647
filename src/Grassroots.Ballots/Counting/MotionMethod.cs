namespace Grassroots.Ballots.Counting;

/// <summary>How a motion's ballots are marked and counted.</summary>
public enum MotionMethod
{
    /// <summary>Yes, no or abstain; passes by a <see cref="Threshold"/> of yes and no, given a <see cref="Quorum"/>.</summary>
    YesNo = 0,
    /// <summary>Approve any number of options; the most-approved win, as many as there are seats.</summary>
    Approval = 1,
    /// <summary>Rank the options; one seat, by instant runoff.</summary>
    InstantRunoff = 2,
    /// <summary>Rank the options; several seats, by single transferable vote.</summary>
    SingleTransferableVote = 3,
}

public static class MotionMethods
{
    public static string Code(this MotionMethod m) => m switch
    {
        MotionMethod.YesNo => "yes-no",
        MotionMethod.Approval => "approval",
        MotionMethod.InstantRunoff => "irv",
        _ => "stv",
    };

    public static MotionMethod? Parse(string? code) => code switch
    {
        "yes-no" => MotionMethod.YesNo,
        "approval" => MotionMethod.Approval,
        "irv" => MotionMethod.InstantRunoff,
        "stv" => MotionMethod.SingleTransferableVote,
        _ => null,
    };

    public static bool IsRanked(this MotionMethod m) => m is MotionMethod.InstantRunoff or MotionMethod.SingleTransferableVote;
}
