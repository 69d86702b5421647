using System.Linq.Expressions;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform;

/// <summary>The document a permission is asked about.</summary>
public sealed record DocumentResource(Guid Id);

/// <summary>
/// Who may do what to a platform document. Anyone signed in proposes, co-signs and comments (when the phase
/// allows); facilitators (named by the creators, who facilitate too) decide amendments, merge versions and move
/// phases; only creators name or remove facilitators. The same rule sits in the WHERE of the writes.
/// </summary>
public static class PlatformPolicies
{
    public const string Facilitate = "platform.facilitate";
    public const string Create = "platform.create";

    public static Expression<Func<PlatformDocument, bool>> FacilitatedBy(AppDbContext db, Guid memberId) =>
        d => db.DocumentFacilitators.Any(f => f.DocumentId == d.Id && f.MemberId == memberId);

    public static IServiceCollection AddPlatformPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Facilitate, p => p.AddRequirements(new DocumentRoleRequirement(DocumentRole.Facilitator)))
            .AddPolicy(Create, p => p.AddRequirements(new DocumentRoleRequirement(DocumentRole.Creator)));
        services.AddScoped<IAuthorizationHandler, DocumentRoleHandler>();
        return services;
    }
}

public sealed record DocumentRoleRequirement(DocumentRole AtLeast) : IAuthorizationRequirement;

internal sealed class DocumentRoleHandler(AppDbContext db, IStringLocalizer<SharedResource> l) : AuthorizationHandler<DocumentRoleRequirement, DocumentResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DocumentRoleRequirement requirement, DocumentResource resource)
    {
        var me = context.User.MemberId();
        var doc = await db.PlatformDocuments.AsNoTracking().Where(d => d.Id == resource.Id)
            .Select(d => new { Role = db.DocumentFacilitators.Where(f => f.DocumentId == d.Id && f.MemberId == me).Select(f => (DocumentRole?)f.Role).FirstOrDefault() })
            .SingleOrDefaultAsync();
        if (doc is null) { context.Fail(new ResourceMissing(this)); return; }
        if (me is not null && doc.Role is { } role && role >= requirement.AtLeast) { context.Succeed(requirement); return; }
        context.Fail(new AuthorizationFailureReason(this, requirement.AtLeast == DocumentRole.Creator
            ? l["Only the document's creators may do that."]
            : l["Only the document's facilitators may do that."]));
    }
}
