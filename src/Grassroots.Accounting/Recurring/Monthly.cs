namespace Grassroots.Accounting.Recurring;

/// <summary>
/// When a monthly gift is next due: on its day of the month in the donor's time zone, or the month's last day when the
/// month is shorter (a gift started on January 31 is due February 28 or 29, then March 31). The time of day is the
/// start's, on the local clock (so daylight saving moves nothing a donor sees).
/// </summary>
public static class Monthly
{
    public static DateTimeOffset Due(DateTimeOffset start, int months, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        var local = TimeZoneInfo.ConvertTime(start, zone);
        var first = new DateTime(local.Year, local.Month, 1).AddMonths(months);
        var day = Math.Min(local.Day, DateTime.DaysInMonth(first.Year, first.Month));
        var wall = new DateTime(first.Year, first.Month, day, local.Hour, local.Minute, local.Second, DateTimeKind.Unspecified);
        // A wall time inside a spring-forward gap moves an hour on; an ambiguous one takes its first (daylight) offset.
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>How many charges of a gift started at <paramref name="start"/> are due by <paramref name="now"/> (the first is at the start).</summary>
    public static int DueBy(DateTimeOffset start, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (now < start) return 0;
        var n = 0;
        while (n < 10_000 && Due(start, n, zone) <= now) n++;
        return n;
    }
}
