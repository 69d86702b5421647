using Grassroots.Features.Projects;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund.Pages;

/// <summary>A gift's state in words, for its donor.</summary>
public static class GiftNames
{
    public static string Status(GiftStatus s) => s switch
    {
        GiftStatus.Charged => "Received",
        GiftStatus.Charging => "Being confirmed",
        GiftStatus.Declined => "Card declined",
        GiftStatus.Failed => "Not charged",
        _ => "Refunded",
    };

    /// <summary>What became of the gift, said to its donor (or, <paramref name="toDonor"/> false, to a treasurer reading it).</summary>
    public static string Explain(GiftView g, IStringLocalizer l, bool toDonor = true) => g.Status switch
    {
        GiftStatus.Charged when g.RefundedCents > 0 && !toDonor => l["{0} of it was refunded to the donor's card.", Money.Format(g.RefundedCents)],
        GiftStatus.Refunded when !toDonor => l["The whole gift was refunded to the donor's card."],
        GiftStatus.Charged when g.RefundedCents > 0 => l["{0} of it was refunded to your card.", Money.Format(g.RefundedCents)],
        GiftStatus.Charged => l["Thank you: it is in the fund's books."],
        GiftStatus.Charging => l["The card's bank has not confirmed it yet. You'll get the receipt by email as soon as it does."],
        GiftStatus.Declined => l["The card was declined; nothing was charged."],
        GiftStatus.Failed => l["The payment processor had a problem; nothing was charged."],
        _ => l["The whole gift was refunded to your card."],
    };
}
