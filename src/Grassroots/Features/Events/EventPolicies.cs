using System.Linq.Expressions;
using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>The event a permission is asked about (ASP.NET Core resource-based authorization).</summary>
public sealed record EventResource(Guid Id);

/// <summary>
/// What a member may do to an event, as Groups and Projects do it: use cases ask these policies through
/// <see cref="Access"/>, and the same rule (<see cref="HostedBy"/>) sits in the WHERE of queries.
/// </summary>
public static class EventPolicies
{
    /// <summary>
    /// See the attendee list, check people in, message them, edit or cancel: the host, a co-host who accepted
    /// (removing them ends it at once: every check reads the row), and the organizers of the event's group.
    /// </summary>
    public const string Host = "event.host";

    public static Expression<Func<Event, bool>> HostedBy(AppDbContext db, Guid memberId) =>
        e => e.HostId == memberId
             || db.EventCohosts.Any(c => c.EventId == e.Id && c.MemberId == memberId && c.AcceptedAt != null)
             || (e.GroupId != null && db.Memberships.Any(m => m.GroupId == e.GroupId && m.MemberId == memberId && m.Role == GroupRole.Organizer));

    /// <summary>The same rule read the other way: everyone who hosts the event now (one query).</summary>
    public static IQueryable<Guid> HostsOf(AppDbContext db, Guid eventId) =>
        db.Events.Where(e => e.Id == eventId).Select(e => e.HostId)
            .Concat(db.EventCohosts.Where(c => c.EventId == eventId && c.AcceptedAt != null).Select(c => c.MemberId))
            .Concat(db.Memberships.Where(m => m.Role == GroupRole.Organizer && db.Events.Any(e => e.Id == eventId && e.GroupId == m.GroupId)).Select(m => m.MemberId));

    public static IServiceCollection AddEventPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Host, p => p.AddRequirements(new EventHostRequirement()));
        services.AddScoped<IAuthorizationHandler, EventHostHandler>();
        return services;
    }
}

public sealed record EventHostRequirement : IAuthorizationRequirement;

internal sealed class EventHostHandler(AppDbContext db, IStringLocalizer<SharedResource> l) : AuthorizationHandler<EventHostRequirement, EventResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, EventHostRequirement requirement, EventResource resource)
    {
        if (context.User.MemberId() is not { } me) return;
        var e = await db.Events.Where(x => x.Id == resource.Id)
            .Select(x => new { x.Moderation, Host = db.Events.Where(y => y.Id == x.Id).Where(EventPolicies.HostedBy(db, me)).Any() })
            .SingleOrDefaultAsync();
        if (e is { Host: true }) { context.Succeed(requirement); return; }
        // A hidden event is still its hosts'; to anyone else it does not exist.
        context.Fail(e is null || e.Moderation != ContentModeration.Visible
            ? new ResourceMissing(this)
            : new AuthorizationFailureReason(this, l["Only the event's hosts may do that."]));
    }
}
