namespace Grassroots.Features.Fund;

/// <summary>
/// The central fund's settings (section "Fund"). The limits are the law's and change with it, so they are data: the
/// defaults are the FEC's for 2025–2026 (an individual gives a candidate at most $3,300 per election, a PAC at most
/// $5,000 a calendar year; donors above $200 are itemized and must give employer and occupation).
/// </summary>
public sealed class FundOptions
{
    public const string Section = "Fund";

    /// <summary>What one donor may give one candidate for one election, in cents.</summary>
    public long CandidateLimitCents { get; set; } = 330_000;
    /// <summary>What one donor may give the central fund in a calendar year, in cents.</summary>
    public long FundLimitCents { get; set; } = 500_000;
    /// <summary>Above this aggregate (per donor and recipient, per period) a donor is itemized and gives employer and occupation.</summary>
    public long ItemizationThresholdCents { get; set; } = Accounting.Limits.Itemization.DefaultThresholdCents;
    /// <summary>The election gifts to candidates count toward (their limit is per election), e.g. "2026".</summary>
    public string Election { get; set; } = "2026";
    /// <summary>The fund's legal name, on receipts.</summary>
    public string Name { get; set; } = "The People's Fund";
    /// <summary>Emails of the treasurers: confirmed accounts with these addresses see donor data and refund gifts.</summary>
    public string[] Treasurers { get; set; } = [];
    /// <summary>A gift still "charging" this long after it began is settled from what the processor says (a crash left it).</summary>
    public TimeSpan RecoverAfter { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often to look for such gifts.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How the pool is shared among backed candidates: Equal, or Need (goal less what each holds).</summary>
    public Accounting.Allocation.AllocationRule AllocationRule { get; set; } = Accounting.Allocation.AllocationRule.Equal;
    /// <summary>How long after one allocation the next runs; zero: only when a treasurer runs one.</summary>
    public TimeSpan AllocationInterval { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often the schedule looks whether an allocation is due.</summary>
    public TimeSpan AllocationCheckEvery { get; set; } = TimeSpan.FromHours(1);
    /// <summary>What the pool keeps back from every allocation (for refunds of gifts to the fund), in cents.</summary>
    public long AllocationReserveCents { get; set; }
    /// <summary>
    /// The fundraising goal the Need rule counts from, by the office's level, in cents: a House race costs more than a
    /// precinct committee seat. Defaults are rough orders of magnitude; a movement sets its own.
    /// </summary>
    public Dictionary<Candidates.OfficeLevel, long> AllocationGoalCents { get; set; } = new()
    {
        [Candidates.OfficeLevel.Federal] = 100_000_000, [Candidates.OfficeLevel.State] = 10_000_000,
        [Candidates.OfficeLevel.Local] = 2_000_000, [Candidates.OfficeLevel.Party] = 50_000,
    };

    /// <summary>The time zone a monthly gift's day is counted in when the donor names none (an IANA id).</summary>
    public string TimeZone { get; set; } = "America/New_York";
    /// <summary>How often the monthly run looks for gifts that are due; zero: it never starts by itself.</summary>
    public TimeSpan MonthlyCheckEvery { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How many months the run charges in one batch: one write holds them, the processor is sent them, one write settles them.</summary>
    public int MonthlyBatch { get; set; } = 500;
    /// <summary>How many batches the run charges at once (one's charges overlap another's writes).</summary>
    public int MonthlyParallelism { get; set; } = 2;
    /// <summary>Declined months in a row that stop a monthly gift (its first month declined stops it at once).</summary>
    public int MonthlyMaxDeclines { get; set; } = 3;
    /// <summary>How often the balances' checkpoint moves forward (a balance is the checkpoint plus the lines after it); zero: never.</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(1);
}
