namespace Grassroots.Accounting.Limits;

/// <summary>
/// A cap on what one donor gives (to one candidate for one election, or to the fund in a year): a gift is allowed
/// when what they gave before plus the gift stays within the cap. The check is pure; holding it under parallel gifts
/// is the caller's (one writer, or a locked row, reads the aggregate and writes the gift together).
/// </summary>
public readonly record struct ContributionLimit(long CapCents)
{
    /// <summary>What is left under the cap after <paramref name="givenCents"/> (never negative).</summary>
    public long Room(long givenCents) => Math.Max(0, CapCents - givenCents);

    public bool Allows(long givenCents, long giftCents) => giftCents > 0 && giftCents <= Room(givenCents);
}

/// <summary>
/// Who must say more: a donor whose gifts add up to more than the threshold (FEC: $200 in an election cycle) is
/// itemized in the reports, and must give an employer and an occupation.
/// </summary>
public static class Itemization
{
    public const long DefaultThresholdCents = 20_000;

    public static bool Required(long aggregateCents, long giftCents, long thresholdCents = DefaultThresholdCents) => aggregateCents + giftCents > thresholdCents;
}
