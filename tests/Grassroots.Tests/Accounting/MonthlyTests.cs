using Grassroots.Accounting.Recurring;

namespace Grassroots.Tests.Accounting;

public class MonthlyTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void A_gift_started_on_the_31st_is_due_on_the_last_day_of_shorter_months_and_the_31st_again_after()
    {
        var start = new DateTimeOffset(2027, 1, 31, 14, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 14, 0, 0, TimeSpan.FromHours(-5)), Monthly.Due(start, 1, NewYork));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 14, 0, 0, TimeSpan.FromHours(-4)), Monthly.Due(start, 2, NewYork)); // daylight time: 2 pm still
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 14, 0, 0, TimeSpan.FromHours(-5)), Monthly.Due(start, 13, NewYork));
    }

    [Fact]
    public void Charges_due_by_a_moment_count_the_first_at_the_start()
    {
        var start = new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, Monthly.DueBy(start, start.AddSeconds(-1), NewYork));
        Assert.Equal(1, Monthly.DueBy(start, start, NewYork));
        Assert.Equal(3, Monthly.DueBy(start, new DateTimeOffset(2027, 3, 20, 0, 0, 0, TimeSpan.Zero), NewYork));
    }
}
