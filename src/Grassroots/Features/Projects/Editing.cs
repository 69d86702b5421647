using System.Security.Claims;
using FluentValidation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>
/// What an owner changes after launching: what the project says, where and when, its group, and its
/// status. The address (slug) stays, so links keep working. Needs change one by one (<see cref="NeedChanges"/>).
/// </summary>
public sealed class Editing(AppDbContext db, Access access, ProjectText describe, IValidator<ProjectInput> validator, AuditLog audit,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> EditAsync(ClaimsPrincipal actor, Guid projectId, ProjectInput input, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var me = actor.RequiredMemberId();
        input = input with { Needs = null };
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return Outcome.Invalid(FieldErrors.From(validation));
        var current = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.GroupId).SingleAsync(ct);
        if (await describe.CheckGroupAsync(input.GroupId, projectId, current, me, ct) is { } wrong) return wrong;

        var changed = new Project { Slug = "", Title = "", Goal = "" };
        describe.Apply(changed, input);
        var status = input.Status;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One statement, with the permission in its WHERE: an owner who stepped down (or a project a
        // jury froze) in the meantime changes nothing.
        var updated = await db.Projects.Where(p => p.Id == projectId).Where(Project.RunBy(me)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Title, changed.Title).SetProperty(p => p.Goal, changed.Goal)
            .SetProperty(p => p.Description, changed.Description).SetProperty(p => p.DescriptionHtml, changed.DescriptionHtml)
            .SetProperty(p => p.Online, changed.Online).SetProperty(p => p.Zip, changed.Zip).SetProperty(p => p.City, changed.City)
            .SetProperty(p => p.State, changed.State).SetProperty(p => p.Latitude, changed.Latitude).SetProperty(p => p.Longitude, changed.Longitude)
            .SetProperty(p => p.RadiusMiles, changed.RadiusMiles).SetProperty(p => p.GroupId, changed.GroupId)
            .SetProperty(p => p.StartsOn, changed.StartsOn).SetProperty(p => p.EndsOn, changed.EndsOn)
            .SetProperty(p => p.Status, p => status ?? p.Status), ct);
        if (updated == 0) return Outcome.Refused(l["Only the project's owners may do that."]);
        if (status is { } s) await CloseNeedsIfOverAsync(projectId, s, ct);
        audit.Record(me, "project.edit", "project", projectId, changed.Title);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> SetStatusAsync(ClaimsPrincipal actor, Guid projectId, ProjectStatus? status, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        if (status is not { } s || !Enum.IsDefined(s)) return Outcome.Invalid("status", l["The status is one of Idea, Active, Done or Archived."]);
        var me = actor.RequiredMemberId();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Projects.Where(p => p.Id == projectId).Where(Project.RunBy(me)).ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, s), ct) == 0)
            return Outcome.Refused(l["Only the project's owners may do that."]);
        await CloseNeedsIfOverAsync(projectId, s, ct);
        audit.Record(me, "project.status", "project", projectId, s.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>A project that is done or archived takes no more pledges: its open needs close (owners may reopen one).</summary>
    private Task CloseNeedsIfOverAsync(Guid projectId, ProjectStatus status, CancellationToken ct) =>
        Project.TakesPledges(status) ? Task.CompletedTask
            : db.Needs.Where(n => n.ProjectId == projectId && !n.Closed).ExecuteUpdateAsync(x => x.SetProperty(n => n.Closed, true), ct);
}
