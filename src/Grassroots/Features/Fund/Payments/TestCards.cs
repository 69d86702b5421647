namespace Grassroots.Features.Fund.Payments;

/// <summary>
/// The test processor's cards, the numbers payment processors document for testing (Stripe's): one that always
/// succeeds, ones the bank declines, and one whose charge fails as a network fault would. Any other number that
/// passes the Luhn check succeeds too; one that fails it is refused as mistyped.
/// </summary>
public static class TestCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ProcessingError = "4000000000000119";

    /// <summary>
    /// The saved card a test number becomes (Stripe's documented test tokens): a monthly gift keeps this, never the number,
    /// and it answers as the number would.
    /// </summary>
    public static string Token(string number) => Digits(number) switch
    {
        Declined => "tok_chargeDeclined",
        InsufficientFunds => "tok_chargeDeclinedInsufficientFunds",
        ProcessingError => "tok_processingError",
        _ => "tok_visa",
    };

    /// <summary>A number with a valid check digit, typed with nothing but digits, spaces and dashes; or a saved test token.</summary>
    public static bool LooksValid(string card) =>
        card is "tok_visa" or "tok_chargeDeclined" or "tok_chargeDeclinedInsufficientFunds" or "tok_processingError"
        || (Luhn(Digits(card)) && card.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'));

    public static ChargeResult Answer(string number) => number switch
    {
        "tok_visa" => new(ChargeOutcome.Succeeded),
        "tok_chargeDeclined" => new(ChargeOutcome.Declined, Reason: "card_declined"),
        "tok_chargeDeclinedInsufficientFunds" => new(ChargeOutcome.Declined, Reason: "insufficient_funds"),
        "tok_processingError" => new(ChargeOutcome.Failed, Reason: "processing_error"),
        _ => ByNumber(number),
    };

    private static ChargeResult ByNumber(string number) => Digits(number) switch
    {
        Declined => new(ChargeOutcome.Declined, Reason: "card_declined"),
        InsufficientFunds => new(ChargeOutcome.Declined, Reason: "insufficient_funds"),
        ProcessingError => new(ChargeOutcome.Failed, Reason: "processing_error"),
        var d when !Luhn(d) => new(ChargeOutcome.Declined, Reason: "incorrect_number"),
        _ => new(ChargeOutcome.Succeeded),
    };

    public static string Digits(string number) => new(number.Where(char.IsAsciiDigit).ToArray());

    /// <summary>The check digit every card number carries (ISO/IEC 7812): catches a mistyped digit and most swaps.</summary>
    public static bool Luhn(string digits)
    {
        if (digits.Length is < 12 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
