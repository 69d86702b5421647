namespace Grassroots.Features.Platform;

/// <summary>The platform's settings (section "Platform"): the defaults a new document starts with.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Co-signers an amendment needs to reach the ballot, in thousandths of the movement's members.</summary>
    public int BallotPerMille { get; set; } = PlatformRules.DefaultBallotPerMille;
    /// <summary>Never fewer co-signers than this, however small the movement.</summary>
    public int BallotMinimum { get; set; } = PlatformRules.DefaultBallotMinimum;
    /// <summary>Amendments one member may propose per day (a flood of amendments buries the real ones).</summary>
    public int AmendmentsPerDay { get; set; } = 10;
}

public static class PlatformRules
{
    public const int DefaultBallotPerMille = 10;
    public const int DefaultBallotMinimum = 10;
    public const int MaxSections = 200;
    public const int MaxPlanks = 1_000;
    public const int MaxFacilitators = 30;

    /// <summary>What a phase allows by default, and what it can never allow (a frozen text takes no amendments).</summary>
    public static (bool Amendments, bool Cosigning, bool Comments) Defaults(PlatformPhase phase) => phase switch
    {
        PlatformPhase.Drafting or PlatformPhase.Deliberation => (true, true, true),
        PlatformPhase.Frozen => (false, false, true),
        _ => (false, false, false),
    };

    /// <summary>Amendments and co-signing stop for good once the text is frozen: a switch cannot reopen them.</summary>
    public static bool MayOpenAmendments(PlatformPhase phase) => phase < PlatformPhase.Frozen;

    /// <summary>How many co-signers reach the ballot when the movement has <paramref name="members"/> members.</summary>
    public static int BallotThreshold(int perMille, int minimum, long members) =>
        (int)Math.Max(minimum, Math.Min(int.MaxValue, (members * perMille + 999) / 1000));
}
