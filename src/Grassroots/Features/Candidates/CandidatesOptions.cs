namespace Grassroots.Features.Candidates;

/// <summary>Candidates' settings (section "Candidates").</summary>
public sealed class CandidatesOptions
{
    public const string Section = "Candidates";

    /// <summary>Emails of the stewards: confirmed accounts with these addresses add offices and filing windows and record results.</summary>
    public string[] Stewards { get; set; } = [];
    /// <summary>How long an endorsement vote stays open.</summary>
    public TimeSpan VoteLength { get; set; } = TimeSpan.FromDays(7);
    /// <summary>
    /// The fewest ballots an endorsement needs, and the fewest members (besides the candidate) who must vote in the
    /// district before a vote can open: one self-declared account is not an electorate.
    /// </summary>
    public int MinimumBallots { get; set; } = 3;
    /// <summary>The share of the roll that must vote for an endorsement to count (percent).</summary>
    public int QuorumPercent { get; set; } = 10;
    /// <summary>Nominations of others one member may have waiting for an answer at once (each sends an email).</summary>
    public int MaxWaitingNominations { get; set; } = 10;
    /// <summary>How often to look for filing reminders to send.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(10);
}
