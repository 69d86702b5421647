using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>The project a permission is asked about (ASP.NET Core resource-based authorization).</summary>
public sealed record ProjectResource(Guid Id);

/// <summary>
/// What a member may do to a project. Pages and the API ask <see cref="IAuthorizationService"/> with
/// these policies (through <see cref="ProjectAccess"/>); the same rules, as expressions on
/// <see cref="Project"/>, sit in the WHERE of the writes, so a permission lost between the check and
/// the write (an owner who stepped down, a project a jury just froze) changes nothing.
/// </summary>
public static class ProjectPolicies
{
    /// <summary>Change it: edit, state needs, answer pledges, post updates, invite co-owners, merge. Owners, unless it is frozen.</summary>
    public const string Run = "project.run";
    /// <summary>See what only owners see (pledges, people who could help) and step down. Owners, frozen or not.</summary>
    public const string Own = "project.own";

    public static IServiceCollection AddProjectPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Run, p => p.AddRequirements(new ProjectRequirement(Frozen: false)))
            .AddPolicy(Own, p => p.AddRequirements(new ProjectRequirement(Frozen: true)));
        services.AddScoped<IAuthorizationHandler, ProjectRequirementHandler>();
        services.AddScoped<ProjectAccess>();
        return services;
    }
}

/// <summary>Owning the project; <paramref name="Frozen"/>: also while a jury reviews it.</summary>
public sealed record ProjectRequirement(bool Frozen) : IAuthorizationRequirement;

internal sealed class ProjectRequirementHandler(AppDbContext db) : AuthorizationHandler<ProjectRequirement, ProjectResource>
{
    public const string Missing = "missing", NotOwner = "not-owner", UnderReview = "under-review", Merged = "merged";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ProjectRequirement requirement, ProjectResource resource)
    {
        if (context.User.MemberId() is not { } me) return;
        var rule = requirement.Frozen ? Project.OwnedBy(me) : Project.RunBy(me);
        if (await db.Projects.Where(p => p.Id == resource.Id).Where(rule).AnyAsync())
        {
            context.Succeed(requirement);
            return;
        }
        // Why not, so the answer can say it (only a refused request pays for this second read).
        var why = await db.Projects.Where(p => p.Id == resource.Id)
            .Select(p => !p.Owners.Any(o => o.MemberId == me) ? NotOwner : p.MergedIntoId != null ? Merged : UnderReview).SingleOrDefaultAsync();
        context.Fail(new AuthorizationFailureReason(this, why ?? Missing));
    }
}

/// <summary>Asks the project policies and answers as a use case does: not found, refused (saying why), or go ahead.</summary>
public sealed class ProjectAccess(IAuthorizationService authorization, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, Guid projectId, string policy)
    {
        var result = await authorization.AuthorizeAsync(user, new ProjectResource(projectId), policy);
        if (result.Succeeded) return Outcome.Ok;
        var reason = result.Failure?.FailureReasons.Select(r => r.Message).FirstOrDefault();
        return reason switch
        {
            ProjectRequirementHandler.Missing => Outcome.NotFound,
            ProjectRequirementHandler.UnderReview => Outcome.Refused(l["A community jury is reviewing this project: it can't be changed until the jury decides."]),
            ProjectRequirementHandler.Merged => Outcome.Refused(l["This project was merged into another; make changes there."]),
            _ => Outcome.Refused(l["Only the project's owners may do that."]),
        };
    }

    /// <summary>True when the member may run the project (pages use it to show the owners' tools).</summary>
    public async Task<bool> CanAsync(ClaimsPrincipal user, Guid projectId, string policy) =>
        (await authorization.AuthorizeAsync(user, new ProjectResource(projectId), policy)).Succeeded;
}
