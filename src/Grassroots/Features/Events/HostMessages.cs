using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

public sealed record EventMessageInput(string? Subject, string? Body, bool ToWaitlist = false);
public sealed record EventMessageView(Guid Id, string Subject, string Body, string BodyHtml, bool ToWaitlist, int Recipients, DateTimeOffset SentAt);

/// <summary>
/// Hosts write to the people coming through the platform: the attendees' addresses never reach the host.
/// Kept so every host sees what was said; a few a day per event (a reminder, a change of room, a thank-you).
/// </summary>
public sealed class HostMessages(AppDbContext db, Access access, Outbox outbox, SiteLinks links, RsvpLinks rsvpLinks, UserText text, AuditLog audit,
    TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int PerDay = 5;

    public async Task<(EventMessageView? Message, Outcome Outcome)> SendAsync(ClaimsPrincipal actor, Guid eventId, EventMessageInput input, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        if (await db.Users.IsFrozenAsync(actor.RequiredMemberId(), ct)) return (null, Standing.Frozen(l));
        if (await db.Events.AnyAsync(x => x.Id == eventId && x.Moderation != Moderation.ContentModeration.Visible, ct))
            return (null, Outcome.Refused(l["A community jury is reviewing this event: no messages go out until it decides."]));
        var errors = new FieldErrors();
        var subject = UserText.Collapse(input.Subject);
        var body = (input.Body ?? "").Trim();
        if (subject.Length == 0) errors.Add("subject", l["Give the message a subject."]);
        else if (subject.Length > EventMessage.MaxSubjectLength) errors.Add("subject", l["The subject can be at most {0} characters.", EventMessage.MaxSubjectLength]);
        if (body.Length == 0) errors.Add("body", l["Write the message."]);
        else if (body.Length > EventMessage.MaxBodyLength) errors.Add("body", l["The message can be at most {0} characters.", EventMessage.MaxBodyLength]);
        else if (UserText.ContainsScript(body)) errors.Add("body", l["The message can't contain scripts or event handlers. Use plain text or Markdown."]);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        var now = clock.GetUtcNow();
        var dayAgo = now.AddDays(-1);
        if (await db.EventMessages.CountAsync(m => m.EventId == eventId && m.SentAt > dayAgo, ct) >= PerDay)
            return (null, Outcome.Invalid("body", l["This event's hosts sent {0} messages in the past day: the next one can go tomorrow.", PerDay]));

        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
        var people = await db.Rsvps.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Email != "" && (r.Status == RsvpStatus.Confirmed || (input.ToWaitlist && r.Status == RsvpStatus.Waitlisted)))
            .Select(r => new { r.Id, r.Email, r.Culture, r.Status }).ToListAsync(ct);
        if (people.Count == 0) return (null, Outcome.Invalid("body", l["Nobody is coming yet: there is no one to write to."]));
        var me = actor.RequiredMemberId();
        var sender = await db.Users.PublicNameAsync(me, ct);
        var message = new EventMessage { EventId = eventId, SenderId = me, Subject = subject, Body = body, ToWaitlist = input.ToWaitlist, Recipients = people.Count, SentAt = now };
        db.EventMessages.Add(message);
        var html = text.ToSafeMailHtml(body);
        foreach (var p in people)
        {
            using var _ = RecipientCulture.Use(p.Culture);
            var footer = "\n\n—\n" + l["{0}, a host of {1}, wrote to the people coming through Grassroots. Replies to this email are not read.", sender, e.Title]
                + "\n" + l["Event page"] + ": " + links.To($"/events/{e.Slug}")
                + "\n" + l["Can't make it? Cancel your RSVP, so your place goes to someone waiting"] + ": " + rsvpLinks.CancelUrl(e.Id, p.Id);
            outbox.Enqueue(p.Email, $"{e.Title}: {subject}", body + footer,
                new MailExtras(Html: html + "<hr><p>" + System.Net.WebUtility.HtmlEncode(footer.Trim('\n', '—')).Replace("\n", "<br>") + "</p>"));
        }
        audit.Record(me, "event.message", "event", eventId, $"{people.Count} recipients");
        await db.SaveChangesAsync(ct);
        return (View(message), Outcome.Ok);
    }

    public async Task<(Page<EventMessageView>? Messages, Outcome Outcome)> ListAsync(ClaimsPrincipal actor, Guid eventId, int? page, int? pageSize, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.EventMessages.AsNoTracking().Where(m => m.EventId == eventId);
        var rows = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return (new Page<EventMessageView>(rows.Select(View).ToList(), p, size, await query.CountAsync(ct)), Outcome.Ok);
    }

    private EventMessageView View(EventMessage m) => new(m.Id, m.Subject, m.Body, text.ToSafeHtml(m.Body), m.ToWaitlist, m.Recipients, m.SentAt);
}

/// <summary>
/// The attendee list with emails, as CSV: attendee data belongs to the movement, so it is a permission the
/// organizers of the event's group grant (and take back), both audit-logged, as is every download. An event
/// without a group has no one to grant it: its hosts message people through the platform instead.
/// </summary>
public sealed class AttendeeExport(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> GrantAsync(ClaimsPrincipal actor, Guid eventId, bool grant, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.GroupId, x.HostId }).SingleOrDefaultAsync(ct);
        if (e is null) return Outcome.NotFound;
        if (e.GroupId is not { } gid || !await db.Groups.Where(g => g.Id == gid).Where(Groups.GroupPolicies.OrganizedBy(db.Memberships, me)).AnyAsync(ct))
            return Outcome.Refused(l["Only the organizers of the event's group may allow its hosts to download the attendee list."]);
        // Leave to take the list is given by someone else: an organizer who hosts the event (or co-hosts it) would be granting it to themself.
        if (grant && (e.HostId == me || await db.EventCohosts.AnyAsync(c => c.EventId == eventId && c.MemberId == me && c.AcceptedAt != null, ct)))
            return Outcome.Refused(l["You host this event: another organizer of its group decides whether its hosts may download the attendee list."]);
        await db.Events.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ExportGrantedById, grant ? me : null).SetProperty(x => x.ExportGrantedAt, grant ? clock.GetUtcNow() : null), ct);
        audit.Record(me, grant ? "event.export.grant" : "event.export.revoke", "event", eventId);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<(byte[]? Csv, Outcome Outcome)> CsvAsync(ClaimsPrincipal actor, Guid eventId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new EventResource(eventId), EventPolicies.Host) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        if (!await db.Events.AnyAsync(x => x.Id == eventId && x.ExportGrantedAt != null, ct))
            return (null, Outcome.Refused(l["Downloading the attendee list needs the permission of the organizers of the event's group."]));
        var rows = await db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId && r.Status != RsvpStatus.Cancelled)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(true), leaveOpen: true))
        await using (var csv = CsvWriter.Create(writer, null, leaveOpen: true))
        {
            csv.WriteRecord(["name", "email", "zip", "guests", "status", "rsvped_at", "checked_in_at", "walk_in"]);
            foreach (var r in rows)
                // A cell starting with = + - @ would run as a formula in a spreadsheet: it is kept as text.
                csv.WriteRecord([Cell(r.Name), Cell(r.Email), r.Zip ?? "", r.Guests.ToString(CultureInfo.InvariantCulture), r.Status.ToString(),
                    r.CreatedAt.ToString("O", CultureInfo.InvariantCulture), r.CheckedInAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", r.WalkIn ? "true" : "false"]);
            await csv.FlushAsync(ct);
        }
        audit.Record(actor.RequiredMemberId(), "event.export", "event", eventId, $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return (buffer.ToArray(), Outcome.Ok);
    }

    private static string Cell(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
