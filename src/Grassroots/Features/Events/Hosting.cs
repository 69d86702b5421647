using System.Security.Claims;
using FluentValidation;
using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>Creating an event: any member, for themselves, or for a group they organize. No approval.</summary>
public sealed class Hosting(AppDbContext db, IValidator<EventInput> validator, ZipCodes zips, UserText text, Access access, AuditLog audit, TimeProvider clock)
{
    public async Task<(Event? Event, Outcome Outcome)> CreateAsync(ClaimsPrincipal host, EventInput input, CancellationToken ct)
    {
        var me = host.RequiredMemberId();
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        // For a group: only its organizers put an event under its name.
        if (input.GroupId is { } groupId && await access.CheckAsync(host, new GroupResource(groupId), GroupPolicies.Organize) is { Kind: not OutcomeKind.Ok } refused)
            return (null, refused);

        var now = clock.GetUtcNow();
        var zone = EventTimes.Zone(input.TimeZone)!;
        var e = new Event
        {
            Slug = "", Title = "", TimeZone = zone.Id, HostId = me, CreatedAt = now, UpdatedAt = now, Status = EventStatus.Scheduled,
        };
        Apply(e, input, zone);
        // Titles repeat ("House party"): every address carries a bit of the event's own id.
        e.Slug = Slugs.Retry(Slugs.From(e.Title, "event"), e.Id, 0);
        db.Events.Add(e);
        audit.Record(me, "event.create", "event", e.Id, e.Title);
        await db.SaveChangesAsync(ct);
        return (e, Outcome.Ok);
    }

    /// <summary>Copies a valid input onto the event; the ZIP becomes a place (its centroid, never the street address).</summary>
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
        e.Address = string.IsNullOrWhiteSpace(input.Address) ? null : UserText.Collapse(input.Address);
        var place = string.IsNullOrWhiteSpace(input.Zip) ? null : zips.Find(input.Zip);
        (e.Zip, e.City, e.State, e.Latitude, e.Longitude) = (place?.Zip, place?.City, place?.State, place?.Latitude, place?.Longitude);
        e.Capacity = input.Capacity;
        e.GuestsAllowed = input.GuestsAllowed ?? 0;
        e.Waitlist = input.Waitlist ?? true;
        e.Visibility = input.Visibility ?? EventVisibility.Public;
        e.GroupId = input.GroupId;
    }
}
