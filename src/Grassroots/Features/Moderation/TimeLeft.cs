using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation;

/// <summary>"2 days and 5 hours", "3 hours", "less than an hour": how long a juror has, in words.</summary>
public static class TimeLeft
{
    public static string Describe(IStringLocalizer l, TimeSpan span)
    {
        span = TimeSpan.FromMinutes(Math.Ceiling(span.TotalMinutes)); // stored times may lose a fraction of a millisecond
        if (span < TimeSpan.FromHours(1)) return l["less than an hour"];
        var days = (int)span.TotalDays;
        var hours = span.Hours;
        var d = l.Count(days, "1 day", "{0} days");
        var h = l.Count(hours, "1 hour", "{0} hours");
        return days == 0 ? h : hours == 0 ? d : l["{0} and {1}", d, h];
    }
}
