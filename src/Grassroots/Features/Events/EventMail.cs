using Grassroots.Infrastructure.Web;
using System.Text;
using Grassroots.Features.Events.Pages;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>Why a mail about an RSVP goes out.</summary>
public enum RsvpMailKind { Confirmed, Waitlisted, Promoted, Reminder, Changed, Cancelled, Again }

/// <summary>
/// The mails people with an RSVP get, in their language: confirmation (with invite.ics), waitlist, a seat
/// opened, the day-before reminder, the event changed or was cancelled (each with the .ics that updates the
/// calendar copy). Every one carries the event's page and the link that cancels the RSVP without signing in.
/// </summary>
public sealed class EventMail(Outbox outbox, SiteLinks links, RsvpLinks rsvpLinks, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>Adds the mail to <paramref name="into"/>'s unit of work (the transaction that made it true).</summary>
    public void Enqueue(AppDbContext into, Event e, Rsvp r, RsvpMailKind kind, string? culture)
    {
        using var _ = RecipientCulture.Use(culture);
        var page = links.To($"/events/{e.Slug}");
        var seat = kind is RsvpMailKind.Confirmed or RsvpMailKind.Promoted or RsvpMailKind.Reminder or RsvpMailKind.Changed or RsvpMailKind.Again && r.Status == RsvpStatus.Confirmed;
        var subject = kind switch
        {
            RsvpMailKind.Confirmed => l["You're going: {0}", e.Title],
            RsvpMailKind.Waitlisted => l["You're on the waitlist: {0}", e.Title],
            RsvpMailKind.Promoted => l["A place opened up: you're going to {0}", e.Title],
            RsvpMailKind.Reminder => l["Reminder: {0} is coming up", e.Title],
            RsvpMailKind.Changed => l["Changed: {0}", e.Title],
            RsvpMailKind.Again => l["Your RSVP: {0}", e.Title],
            _ => l["Cancelled: {0}", e.Title],
        };
        var text = new StringBuilder();
        text.AppendLine(l["Hello {0},", r.Name]).AppendLine();
        text.AppendLine(kind switch
        {
            RsvpMailKind.Confirmed => l["You're going to {0}.", e.Title],
            RsvpMailKind.Waitlisted => l["{0} is full, so you're on the waitlist. If a place opens up, it goes to the first people waiting and we'll email you.", e.Title],
            RsvpMailKind.Promoted => l["A place opened up (someone cancelled, or the host made room), and it is yours: you're going to {0}.", e.Title],
            RsvpMailKind.Reminder => l["{0} starts soon, and you have a place.", e.Title],
            RsvpMailKind.Changed => l["The host changed {0}. Here is how it stands now.", e.Title],
            RsvpMailKind.Again => r.Status == RsvpStatus.Confirmed
                ? l["Someone just RSVPed to {0} with this address, which already has a place. Here it is again; if it wasn't you, there is nothing to do.", e.Title]
                : l["Someone just RSVPed to {0} with this address, which is already on the waitlist. Here it is again; if it wasn't you, there is nothing to do.", e.Title],
            _ => l["The host cancelled {0}. Nothing else to do: your RSVP is closed.", e.Title],
        }).AppendLine();
        text.AppendLine($"{l["When"]}: {EventNames.When(e, l)}");
        if (seat && e.Online)
        {
            if (e.OnlineUrl is { } link) text.AppendLine($"{l["Join"]}: {link}");
            if (e.DialIn is { } dial) text.AppendLine($"{l["Dial in"]}: {dial}" + (e.DialPin is { } pin ? $" (PIN {pin})" : ""));
        }
        else if (!e.Online)
        {
            var place = string.Join(", ", new[] { seat ? e.Address : null, e.City, e.State }.Where(x => !string.IsNullOrWhiteSpace(x)));
            if (place.Length > 0) text.AppendLine($"{l["Where"]}: {place}");
        }
        if (r.Guests > 0) text.AppendLine(l.Count(r.Guests, "You're bringing 1 guest.", "You're bringing {0} guests."));
        text.AppendLine().AppendLine($"{l["Event page"]}: {page}");
        if (kind != RsvpMailKind.Cancelled)
        {
            text.AppendLine(r.Status == RsvpStatus.Waitlisted ? l["Leave the waitlist"] + ": " + rsvpLinks.CancelUrl(e.Id, r.Id)
                : l["Can't make it? Cancel your RSVP, so your place goes to someone waiting"] + ": " + rsvpLinks.CancelUrl(e.Id, r.Id));
        }
        string? ics = null;
        if (seat || kind == RsvpMailKind.Cancelled)
        {
            text.AppendLine().AppendLine(kind == RsvpMailKind.Cancelled
                ? l["The attached invite.ics takes it off your calendar."]
                : l["The attached invite.ics puts it in your calendar."]);
            ics = EventCalendar.Write(e.Title, [new EventCalendar.Entry(e, page, Private: seat)], clock.GetUtcNow());
        }
        outbox.EnqueueInto(into, r.Email, subject, text.ToString(), new MailExtras(Calendar: ics));
    }

    /// <summary>After the commit that holds the mails: the sender goes at once instead of at its next poll.</summary>
    public void Sent() => outbox.Wake();
}
