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
}
