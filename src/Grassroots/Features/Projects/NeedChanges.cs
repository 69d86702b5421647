using System.Security.Claims;
using FluentValidation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>Owners state what the project needs, one need at a time after launch, and close the needs it no longer has.</summary>
public sealed class NeedChanges(AppDbContext db, Access access, IValidator<NeedInput> validator, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>A valid input as a need (people needs keep their skill; other kinds have none).</summary>
    internal static Need NewNeed(NeedInput input, DateTimeOffset now) => new()
    {
        Kind = input.Kind!.Value, Title = UserText.Collapse(input.Title),
        Skill = input.Kind == NeedKind.People && !string.IsNullOrEmpty(input.Skill) ? input.Skill : null,
        Quantity = input.Quantity!.Value, AllowOverfill = input.AllowOverfill, AutoAccept = input.AutoAccept, CreatedAt = now,
    };

    public async Task<(NeedView? Need, Outcome Outcome)> AddAsync(ClaimsPrincipal actor, Guid projectId, NeedInput input, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        if (await db.Needs.CountAsync(n => n.ProjectId == projectId, ct) >= ProjectInput.MaxNeeds)
            return (null, Outcome.Invalid("needs", l["A project can list at most {0} needs.", ProjectInput.MaxNeeds]));
        var need = NewNeed(input, clock.GetUtcNow());
        need.ProjectId = projectId;
        db.Needs.Add(need);
        audit.Record(actor.RequiredMemberId(), "project.need.add", "project", projectId, need.Title);
        await db.SaveChangesAsync(ct);
        return (NeedView.Of(need, null), Outcome.Ok);
    }

    /// <summary>
    /// An owner closes a need the project no longer has (found elsewhere, plans changed): no more
    /// pledges; those made stay. Reopening works while the need is not full.
    /// </summary>
    public async Task<Outcome> SetClosedAsync(ClaimsPrincipal actor, Guid projectId, Guid needId, bool closed, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var me = actor.RequiredMemberId();
        var need = db.Needs.Where(n => n.Id == needId && n.ProjectId == projectId);
        var title = await need.Select(n => n.Title).SingleOrDefaultAsync(ct);
        if (title is null) return Outcome.NotFound;
        var owned = need.Where(n => db.Projects.Where(Project.RunBy(me)).Any(p => p.Id == n.ProjectId));
        if (!closed) owned = owned.Where(Need.IsFull.Not());
        if (await owned.ExecuteUpdateAsync(s => s.SetProperty(n => n.Closed, closed), ct) == 0)
            return closed ? Outcome.Refused(l["Only the project's owners may do that."])
                : Outcome.Invalid("needId", l["This need has all it asked for, so it stays closed."]);
        audit.Record(me, closed ? "project.need.close" : "project.need.reopen", "project", projectId, title);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
