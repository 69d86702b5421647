using System.Linq.Expressions;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>The group a permission is asked about (ASP.NET Core resource-based authorization).</summary>
public sealed record GroupResource(Guid Id);

/// <summary>
/// What a member may do to a group, as Projects does it: use cases ask these policies through
/// <see cref="Access"/>, and the same rules (<see cref="OrganizedBy"/>) sit in the WHERE of their writes.
/// </summary>
public static class GroupPolicies
{
    /// <summary>Edit the group, message its members, make organizers: its organizers, unless a jury froze it.</summary>
    public const string Organize = "group.organize";
    /// <summary>What organizers may do whatever the group's state: see its flags, detach a project from it.</summary>
    public const string Organizer = "group.organizer";

    /// <summary>The group is organized by the member (and, <paramref name="frozenToo"/> false, not frozen by a jury).</summary>
    public static Expression<Func<Group, bool>> OrganizedBy(IQueryable<Membership> memberships, Guid memberId, bool frozenToo = false) => frozenToo
        ? g => memberships.Any(m => m.GroupId == g.Id && m.MemberId == memberId && m.Role == GroupRole.Organizer)
        : g => g.Moderation == ContentModeration.Visible && memberships.Any(m => m.GroupId == g.Id && m.MemberId == memberId && m.Role == GroupRole.Organizer);

    public static IServiceCollection AddGroupPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Organize, p => p.AddRequirements(new GroupRequirement(FrozenToo: false)))
            .AddPolicy(Organizer, p => p.AddRequirements(new GroupRequirement(FrozenToo: true)));
        services.AddScoped<IAuthorizationHandler, GroupRequirementHandler>();
        return services;
    }
}

public sealed record GroupRequirement(bool FrozenToo) : IAuthorizationRequirement;

internal sealed class GroupRequirementHandler(AppDbContext db, IStringLocalizer<SharedResource> l) : AuthorizationHandler<GroupRequirement, GroupResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, GroupRequirement requirement, GroupResource resource)
    {
        if (context.User.MemberId() is not { } me) return;
        if (await db.Groups.Where(g => g.Id == resource.Id).Where(GroupPolicies.OrganizedBy(db.Memberships, me, requirement.FrozenToo)).AnyAsync())
        {
            context.Succeed(requirement);
            return;
        }
        // Why not, so the answer can say it (only a refused request pays for this second read).
        var group = await db.Groups.Where(g => g.Id == resource.Id)
            .Select(g => new { g.Moderation, Organizer = db.Memberships.Any(m => m.GroupId == g.Id && m.MemberId == me && m.Role == GroupRole.Organizer) })
            .SingleOrDefaultAsync();
        context.Fail(group switch
        {
            null => new ResourceMissing(this),
            { Organizer: false } => new AuthorizationFailureReason(this, l["Only the group's organizers may do that."]),
            _ => new AuthorizationFailureReason(this, GroupRules.Frozen(group.Moderation, l)),
        });
    }
}
