namespace Grassroots.Features.Fund;

/// <summary>
/// The ledger's accounts. Money a donor gives lands as cash at the processor (a debit) and is held for its recipients
/// (credits): the central fund's pool, or a candidate's account. Balances are derived from the lines, never stored.
/// </summary>
public static class FundAccounts
{
    /// <summary>Cash the processor holds for the fund (an asset: debits raise it).</summary>
    public const string Cash = "cash";
    /// <summary>The central fund's pool, shared among endorsed candidates by the allocation rule (held: credits raise it).</summary>
    public const string Fund = "fund";
    private const string CandidatePrefix = "candidate:";

    public static string Candidate(Guid id) => CandidatePrefix + id.ToString("N");

    public static Guid? CandidateOf(string account) =>
        account.StartsWith(CandidatePrefix, StringComparison.Ordinal) && Guid.TryParseExact(account[CandidatePrefix.Length..], "N", out var id) ? id : null;

    /// <summary>The account a recipient is named by, as a donor or a link writes it ("fund", or a candidate's id in any of the forms a GUID is written), or null.</summary>
    public static string? Named(string? recipient)
    {
        var r = recipient?.Trim();
        return r == Fund ? Fund : Guid.TryParse(r, out var id) ? Candidate(id) : null;
    }

    /// <summary>The period a share's limit counts in: the fund's is the calendar year, a candidate's the election.</summary>
    public static string PeriodOf(string account, Gift gift) => account == Fund ? gift.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : gift.Election;
}
