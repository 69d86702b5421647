namespace Grassroots.Features.Fund;

/// <summary>
/// A gift as the API takes it: cents in whole numbers, the shares (none: all to the central fund; shares without
/// amounts: split equally), the card (the test processor's numbers; a real processor's token), and who gives, as the
/// law asks it of donors.
/// </summary>
public sealed record GiftInput(long? Cents, IReadOnlyList<ShareInput>? Splits, string? Card, string? Name, string? Street, string? City, string? State, string? Zip,
    string? Employer = null, string? Occupation = null, bool? Monthly = null, string? TimeZone = null);

/// <summary>A share: "fund" or an endorsed candidate's id, and its cents (all shares have amounts, or none has).</summary>
public sealed record ShareInput(string? To, long? Cents = null);

public sealed record GiftView(Guid Id, long Cents, GiftStatus Status, IReadOnlyList<ShareView> Splits, string? CardLast4, string? Reason, long RefundedCents,
    DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, Guid? MonthlyGiftId = null)
{
    public static GiftView Of(Gift g) => new(g.Id, g.Cents, g.Status, g.Splits.OrderBy(s => s.Id).Select(s => new ShareView(s.Account, s.Cents, s.RefundedCents)).ToList(),
        g.CardLast4, g.Reason, g.RefundedCents, g.CreatedAt, g.SettledAt, g.MonthlyGiftId);
}

public sealed record ShareView(string Account, long Cents, long RefundedCents);

/// <summary>What a gift request came to: the gift, whether it was a retry, and how the API should answer.</summary>
public enum GiftAnswer { Charged, Replayed, Invalid, Declined, Pending, InFlight, NotFound }
