using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Grassroots.Features.Events;

/// <summary>
/// Events as iCalendar (RFC 5545) through Ical.Net: one event's .ics, the file attached to a confirmation, and
/// the subscribable feeds. The UID is the event's id and SEQUENCE its <see cref="Event.Sequence"/>, so a
/// calendar that imported or subscribed replaces its copy when the event changes or is cancelled.
/// </summary>
public static class EventCalendar
{
    /// <param name="Private">The street address, the join link and the dial-in: only for people with a seat and hosts.</param>
    public sealed record Entry(Event Event, string PageUrl, bool Private);

    public static string Write(string name, IEnumerable<Entry> entries, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Grassroots//Events//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        // Feeds are polled: ask clients to come back hourly (Outlook and Apple honor these).
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        foreach (var (e, url, inside) in entries)
            calendar.Events.Add(Vevent(e, url, inside, now));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Vevent(Event e, string pageUrl, bool inside, DateTimeOffset now)
    {
        var where = e.Online ? (inside ? e.OnlineUrl : null)
            : inside && e.Address is { Length: > 0 } a ? $"{a}, {e.City}, {e.State} {e.Zip}"
            : string.Join(", ", new[] { e.City, e.State }.Where(x => !string.IsNullOrEmpty(x)));
        var notes = new List<string> { pageUrl };
        if (inside && e.Online && e.OnlineUrl is { } link) notes.Add(link);
        if (inside && e.DialIn is { } dial) notes.Add(e.DialPin is { } pin ? $"{dial} (PIN {pin})" : dial);
        if (e.Description.Length > 0) notes.Add(e.Description);
        var v = new CalendarEvent
        {
            Uid = $"{e.Id}@grassroots",
            Summary = e.Title,
            Description = string.Join("\n\n", notes),
            // UTC instants: every client shows them at its own clock, with no VTIMEZONE to get wrong.
            DtStart = new CalDateTime(e.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
            DtEnd = new CalDateTime(e.EndsAt.UtcDateTime, CalDateTime.UtcTzId),
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            LastModified = new CalDateTime(e.UpdatedAt.UtcDateTime, CalDateTime.UtcTzId),
            Sequence = e.Sequence,
            Status = e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            Url = new Uri(pageUrl),
        };
        if (!string.IsNullOrEmpty(where)) v.Location = where;
        return v;
    }
}
