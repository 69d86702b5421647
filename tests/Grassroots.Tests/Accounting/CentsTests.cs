using Grassroots.Accounting.Amounts;

namespace Grassroots.Tests.Accounting;

public class CentsTests
{
    [Theory]
    [InlineData("27", 2700)]
    [InlineData("27.5", 2750)]
    [InlineData("$27.50", 2750)]
    [InlineData(" 1,000.00 ", 100000)]
    [InlineData(".99", 99)]
    [InlineData("0.01", 1)]
    [InlineData("27.500", 2750)]
    [InlineData("10000000", 1_000_000_000)]
    [InlineData("27,50", 2750)]          // a decimal comma, as Spanish writes it: not $2,750
    [InlineData("27,5", 2750)]
    [InlineData("1.000,50", 100050)]
    [InlineData("1,000", 100000)]        // three digits after the comma: thousands
    [InlineData("1,000,000.25", 100000025)]
    public void Amounts_people_type_are_read_to_the_cent(string typed, long cents) => Assert.Equal((cents, Cents.Problem.None), Cents.Parse(typed));

    [Theory]
    [InlineData("", Cents.Problem.Empty)]
    [InlineData("   ", Cents.Problem.Empty)]
    [InlineData("abc", Cents.Problem.NotANumber)]
    [InlineData("1e3", Cents.Problem.NotANumber)]
    [InlineData("27.505", Cents.Problem.FractionalCents)]
    [InlineData("0.001", Cents.Problem.FractionalCents)]
    [InlineData("-5", Cents.Problem.Negative)]
    [InlineData("0", Cents.Problem.Zero)]
    [InlineData("0.00", Cents.Problem.Zero)]
    [InlineData("10000000.01", Cents.Problem.TooLarge)]
    [InlineData("999999999999999999999999", Cents.Problem.TooLarge)]
    [InlineData(".", Cents.Problem.NotANumber)]
    [InlineData("1.2.3", Cents.Problem.NotANumber)]
    [InlineData("١٢", Cents.Problem.NotANumber)] // digits of another script are not read as dollars
    public void Amounts_that_are_not_a_gift_say_why(string typed, Cents.Problem problem) => Assert.Equal(problem, Cents.Parse(typed).Problem);
}
