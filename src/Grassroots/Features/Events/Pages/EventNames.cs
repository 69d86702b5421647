using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>Kinds and zones in the reader's words, and a local time as people at the place read it.</summary>
public static class EventNames
{
    /// <summary>The link to another page of a list on the same page (the shared pager's).</summary>
    public static readonly Func<int, string> PageLink = n => $"?page={n}";

    public static string Kind(EventKind kind, IStringLocalizer l) => kind switch
    {
        EventKind.HouseParty => l["House party"],
        EventKind.Rally => l["Rally"],
        EventKind.Canvass => l["Canvass"],
        EventKind.PhoneBank => l["Phone bank"],
        EventKind.ConferenceCall => l["Conference call"],
        EventKind.Training => l["Training"],
        EventKind.Meeting => l["Meeting"],
        _ => l["Summit"],
    };

    /// <summary>The US zones a host picks from (IANA ids; Arizona keeps standard time, Puerto Rico Atlantic time).</summary>
    public static readonly IReadOnlyList<string> Zones =
        ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"];

    public static string Zone(string id, IStringLocalizer l) => id switch
    {
        "America/New_York" => l["Eastern time"],
        "America/Chicago" => l["Central time"],
        "America/Denver" => l["Mountain time"],
        "America/Phoenix" => l["Arizona time (no daylight saving)"],
        "America/Los_Angeles" => l["Pacific time"],
        "America/Anchorage" => l["Alaska time"],
        "Pacific/Honolulu" => l["Hawaii time"],
        "America/Puerto_Rico" => l["Atlantic time (Puerto Rico)"],
        _ => id,
    };

    /// <summary>"Thu, Jun 4, 7:00 PM – 10:00 PM (Central time)" in the reader's language, at the place's clock.</summary>
    public static string When(EventView e, IStringLocalizer l) => When(e.StartsLocal, e.EndsLocal, e.TimeZone, l);

    public static string When(Event e, IStringLocalizer l) =>
        When(EventTimes.Local(e.StartsAt, e.TimeZone).DateTime, EventTimes.Local(e.EndsAt, e.TimeZone).DateTime, e.TimeZone, l);

    /// <summary>"Thu 4 Jun 2026, 7:00 PM (Central time)": a start alone, for lists.</summary>
    public static string Start(DateTime startsLocal, string zone, IStringLocalizer l)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        return $"{startsLocal.ToString("ddd d MMM yyyy", culture)}, {startsLocal.ToString("t", culture)} ({Zone(zone, l)})";
    }

    public static string When(DateTime startsLocal, DateTime endsLocal, string zone, IStringLocalizer l)
    {
        var e = (StartsLocal: startsLocal, EndsLocal: endsLocal, TimeZone: zone);
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var sameDay = e.StartsLocal.Date == e.EndsLocal.Date;
        // "t" alone is the culture's short time; inside a custom pattern it would be the AM/PM letter.
        string Day(DateTime d) => d.ToString("ddd d MMM yyyy", culture);
        var start = $"{Day(e.StartsLocal)}, {e.StartsLocal.ToString("t", culture)}";
        var end = sameDay ? e.EndsLocal.ToString("t", culture) : $"{Day(e.EndsLocal)}, {e.EndsLocal.ToString("t", culture)}";
        return $"{start} – {end} ({Zone(e.TimeZone, l)})";
    }
}
