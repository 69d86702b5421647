using Grassroots.Features.Fund.Payments;

namespace Grassroots.Tests.Features.Fund;

public class TestCardsTests
{
    [Theory]
    [InlineData(TestCards.Succeeds, ChargeOutcome.Succeeded, null)]
    [InlineData("4242 4242 4242 4242", ChargeOutcome.Succeeded, null)]
    [InlineData(TestCards.Declined, ChargeOutcome.Declined, "card_declined")]
    [InlineData(TestCards.InsufficientFunds, ChargeOutcome.Declined, "insufficient_funds")]
    [InlineData(TestCards.ProcessingError, ChargeOutcome.Failed, "processing_error")]
    [InlineData("4242424242424241", ChargeOutcome.Declined, "incorrect_number")]
    [InlineData("42", ChargeOutcome.Declined, "incorrect_number")]
    [InlineData("5555555555554444", ChargeOutcome.Succeeded, null)] // any valid number: a Mastercard test number
    public void Each_test_card_answers_as_documented(string number, ChargeOutcome outcome, string? reason) =>
        Assert.Equal(new ChargeResult(outcome, null, reason), TestCards.Answer(number));
}
