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
/// What a member may do to a project. Use cases ask these policies (through <see cref="Access"/>, for
/// pages and API alike); the same rules, as expressions on <see cref="Project"/>, sit in the WHERE of
/// the writes, so a permission lost between the check and the write (an owner who stepped down, a
/// project a jury just froze) changes nothing.
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
        return services;
    }
}

/// <summary>Owning the project; <paramref name="Frozen"/>: also while a jury reviews it.</summary>
public sealed record ProjectRequirement(bool Frozen) : IAuthorizationRequirement;

internal sealed class ProjectRequirementHandler(AppDbContext db, IStringLocalizer<SharedResource> l) : AuthorizationHandler<ProjectRequirement, ProjectResource>
{
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
        var project = await db.Projects.Where(p => p.Id == resource.Id)
            .Select(p => new { Owner = p.Owners.Any(o => o.MemberId == me), Merged = p.MergedIntoId != null }).SingleOrDefaultAsync();
        context.Fail(project switch
        {
            null => new ResourceMissing(this),
            { Owner: false } => new AuthorizationFailureReason(this, l["Only the project's owners may do that."]),
            { Merged: true } => new AuthorizationFailureReason(this, l["This project was merged into another; make changes there."]),
            _ => new AuthorizationFailureReason(this, l["A community jury is reviewing this project: it can't be changed until the jury decides."]),
        });
    }
}
