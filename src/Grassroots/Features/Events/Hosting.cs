using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>
/// Creating an event (any member, for themselves or for a group they organize; no approval), changing it
/// and calling it off (its hosts). People with an RSVP hear of every change a calendar must show, with the
/// .ics that updates their copy (SEQUENCE raised).
/// </summary>
public sealed class Hosting(AppDbContext db, IValidator<EventInput> validator, ZipCodes zips, UserText text, Access access, AuditLog audit,
    EventMail mail, GroupCommit writes, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<(Event? Event, Outcome Outcome)> CreateAsync(ClaimsPrincipal host, EventInput input, CancellationToken ct)
    {
        var me = host.RequiredMemberId();
        // A member a jury reviews keeps what they run but puts nothing new on the map until it decides.
        if (await db.Users.IsFrozenAsync(me, ct)) return (null, Outcome.Refused(l["A community jury is reviewing your profile: you can't start campaigns or host events until it decides."]));
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        // For a group: only its organizers put an event under its name.
        if (input.GroupId is { } groupId && await access.CheckAsync(host, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused)
            return (null, refused);
        var zone = EventTimes.Zone(input.TimeZone)!;
        if (await CampaignErrorAsync(input, zone, ct) is { } wrong) return (null, wrong);

        var now = clock.GetUtcNow();
        var e = new Event
        {
            Slug = "", Title = "", TimeZone = zone.Id, HostId = me, CreatedAt = now, UpdatedAt = now, Status = EventStatus.Scheduled,
        };
        Apply(e, input, zone);
        e.GroupId = input.GroupId;
        e.CampaignId = input.CampaignId;
        // Titles repeat ("House party"): every address carries a bit of the event's own id.
        e.Slug = Slugs.Retry(Slugs.From(e.Title, "event"), e.Id, 0);
        db.Events.Add(e);
        audit.Record(me, "event.create", "event", e.Id, e.Title);
        await db.SaveChangesAsync(ct);
        return (e, Outcome.Ok);
    }

    /// <summary>
    /// Changes an event (its group and campaign stay). Capacity cannot drop below the places already given;
    /// raised, it lets the first people waiting in. Whoever has a place is mailed the change when the time,
    /// the place or the way in changed.
    /// </summary>
    /// <summary>Changes mailed to the people coming, per event per day (what they get beyond: the page).</summary>
    public const int MailedChangesPerDay = 3;
    private const string MailedChange = "event.update.mailed";

    public async Task<Outcome> UpdateAsync(ClaimsPrincipal actor, Guid eventId, EventInput input, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var current = await db.Events.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
        if (current.Moderation.IsFrozen()) return Outcome.Refused(l["A community jury is reviewing this event: it can't be changed until the jury decides."]);
        input = input with { GroupId = current.GroupId, CampaignId = current.CampaignId };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var zone = EventTimes.Zone(input.TimeZone)!;
        if (current.Status == EventStatus.Cancelled) return Outcome.Invalid("eventId", l["This event was cancelled: it can no longer be changed."]);
        if (await CampaignErrorAsync(input, zone, ct) is { } wrong) return wrong;
        // Each mailed change reaches everyone with a place: a few a day, or edits become a way around the message limit.
        var was = Told(current);
        Apply(current, input, zone); // on the detached copy: what the change would be
        var mails = was != Told(current);
        var now = clock.GetUtcNow();
        if (mails && await db.AuditLog.CountAsync(a => a.SubjectType == "event" && a.SubjectId == eventId.ToString() && a.Action == MailedChange
                && a.At > now.AddDays(-1), ct) >= MailedChangesPerDay)
            return Outcome.Invalid(nameof(EventInput.StartsAt), l["The people coming were mailed {0} changes of this event in the past day. Make this change tomorrow, or write to them from the hosts' page.", MailedChangesPerDay]);

        var promoted = await writes.RunAsync(db, async (writer, token) =>
        {
            // The event's row first: RSVPs and cancellations of this event wait for the change.
            await writer.Events.Where(x => x.Id == eventId).LockAsync(x => x.Confirmed, token);
            var e = await writer.Events.SingleAsync(x => x.Id == eventId, token);
            if (input.Capacity is { } cap && cap < e.Confirmed) return (Outcome.Invalid(nameof(EventInput.Capacity),
                l["{0} places are already taken: the capacity can't be less than that. Ask people to cancel first, or keep the capacity.", e.Confirmed]), []);
            var before = Told(e);
            Apply(e, input, zone);
            var after = Told(e);
            e.Sequence++;
            e.UpdatedAt = clock.GetUtcNow();
            // A reminder already sent for the old time says the wrong time: send one again for the new one.
            if (before.StartsAt != after.StartsAt) e.RemindedAt = null;
            await writer.SaveChangesAsync(token);
            var moved = await Waitlists.PromoteAsync(writer, e, clock.GetUtcNow(), token);
            foreach (var p in moved) mail.Enqueue(writer, e, p, RsvpMailKind.Promoted, p.Culture);
            if (before != after)
                foreach (var r in await writer.Rsvps.AsNoTracking().Where(r => r.EventId == eventId && r.Status == RsvpStatus.Confirmed && !r.WalkIn).ToListAsync(token))
                    if (!moved.Any(p => p.Id == r.Id)) mail.Enqueue(writer, e, r, RsvpMailKind.Changed, r.Culture);
            await writer.SaveChangesAsync(token);
            return (Outcome.Ok, moved);
        }, ct);
        if (promoted.Item1.Kind != OutcomeKind.Ok) return promoted.Item1;
        mail.Sent();
        audit.Record(actor.RequiredMemberId(), mails ? MailedChange : "event.update", "event", eventId);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Calls the event off: no more RSVPs; everyone with a place or waiting is told (with the .ics that cancels it).</summary>
    public async Task<Outcome> CancelAsync(ClaimsPrincipal actor, Guid eventId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Events.Where(x => x.Id == eventId && x.Status == EventStatus.Scheduled).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, EventStatus.Cancelled).SetProperty(x => x.CancelledAt, now)
                .SetProperty(x => x.Sequence, x => x.Sequence + 1).SetProperty(x => x.UpdatedAt, now), ct) == 0)
            return Outcome.Ok; // already cancelled: the same answer, nothing mailed twice
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
        if (e.EndsAt > now)
            foreach (var r in await db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId && r.Status != RsvpStatus.Cancelled && !r.WalkIn).ToListAsync(ct))
                mail.Enqueue(db, e, r, RsvpMailKind.Cancelled, r.Culture);
        audit.Record(actor.RequiredMemberId(), "event.cancel", "event", eventId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        mail.Sent();
        return Outcome.Ok;
    }

    /// <summary>An event in a campaign starts on one of its days (at the event's own clock).</summary>
    private async Task<Outcome?> CampaignErrorAsync(EventInput input, TimeZoneInfo zone, CancellationToken ct)
    {
        if (input.CampaignId is not { } campaignId) return null;
        var c = await db.Campaigns.AsNoTracking().Where(x => x.Id == campaignId && x.Moderation == ContentModeration.Visible)
            .Select(x => new { x.FirstDay, x.LastDay, x.Title }).SingleOrDefaultAsync(ct);
        if (c is null) return Outcome.Invalid(nameof(EventInput.CampaignId), l["There is no such campaign."]);
        var day = DateOnly.FromDateTime(input.StartsAt!.Value);
        if (day < c.FirstDay || day > c.LastDay)
            return Outcome.Invalid(nameof(EventInput.StartsAt), l["Events of «{0}» start between {1} and {2}.", c.Title,
                c.FirstDay.ToString("D", System.Globalization.CultureInfo.CurrentCulture), c.LastDay.ToString("D", System.Globalization.CultureInfo.CurrentCulture)]);
        return null;
    }

    /// <summary>Copies a valid input onto the event; the ZIP becomes a place (its centroid, never the street address).</summary>
    /// <summary>What people with a place are mailed a change of: when, where and how to get in (a new title alone shows on the page).</summary>
    private static (DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Online, string? OnlineUrl, string? Address, string? Zip, string? DialIn, string? DialPin) Told(Event e) =>
        (e.StartsAt, e.EndsAt, e.Online, e.OnlineUrl, e.Address, e.Zip, e.DialIn, e.DialPin);

    private void Apply(Event e, EventInput input, TimeZoneInfo zone)
    {
        e.Kind = input.Kind!.Value;
        e.Title = UserText.Collapse(input.Title);
        e.Description = input.Description?.Trim() ?? "";
        e.DescriptionHtml = text.ToSafeHtml(e.Description);
        e.StartsAt = EventTimes.ToUtc(input.StartsAt!.Value, zone)!.Value;
        // The end in the gap is moved an hour on rather than refused: nobody is asked to fix an end time for a rule they never saw.
        e.EndsAt = EventTimes.ToUtc(input.EndsAt!.Value, zone) ?? EventTimes.ToUtc(input.EndsAt!.Value.AddHours(1), zone)!.Value;
        e.TimeZone = zone.Id;
        e.Online = input.Online;
        e.OnlineUrl = string.IsNullOrWhiteSpace(input.OnlineUrl) ? null : input.OnlineUrl.Trim();
        e.DialIn = string.IsNullOrWhiteSpace(input.DialIn) ? null : UserText.Collapse(input.DialIn);
        e.DialPin = string.IsNullOrWhiteSpace(input.DialPin) ? null : input.DialPin.Trim();
        e.Address = string.IsNullOrWhiteSpace(input.Address) ? null : UserText.Collapse(input.Address);
        var place = string.IsNullOrWhiteSpace(input.Zip) ? null : zips.Find(input.Zip);
        (e.Zip, e.City, e.State, e.Latitude, e.Longitude) = (place?.Zip, place?.City, place?.State, place?.Latitude, place?.Longitude);
        e.Capacity = input.Capacity;
        e.GuestsAllowed = input.GuestsAllowed ?? 0;
        e.Waitlist = input.Waitlist ?? true;
        e.Visibility = input.Visibility ?? EventVisibility.Public;
    }
}
