using System.Security.Claims;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>
/// Two overlapping projects become one: needs, pledges, followers, updates and owners move to the
/// project kept; the other is archived and its address redirects. Only someone who owns both may
/// merge them, and everything moves in one transaction.
/// </summary>
public sealed class Merging(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> MergeAsync(ClaimsPrincipal actor, Guid fromId, Guid intoId, CancellationToken ct)
    {
        if (fromId == intoId) return Outcome.Invalid("intoId", l["A project cannot be merged into itself. Choose the other project."]);
        if (await access.CheckAsync(actor, new ProjectResource(fromId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        switch ((await access.CheckAsync(actor, new ProjectResource(intoId), ProjectPolicies.Run)).Kind)
        {
            case OutcomeKind.NotFound: return Outcome.Invalid("intoId", l["There is no such project to merge into."]);
            case OutcomeKind.Forbidden: return Cannot();
        }
        var me = actor.RequiredMemberId();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock both rows, always in the same order, then check again under the locks: A into B and B into A
        // sent at once queue here, and the second finds its partner merged (a moderation freeze, or an owner
        // leaving, in the meantime is seen the same way). Merging moves needs, pledges and updates, so a
        // project a jury is reviewing (or removed) never merges: it would carry them back into view.
        foreach (var id in new[] { fromId, intoId }.Order())
            await db.Projects.Where(p => p.Id == id).LockAsync(p => p.Status, ct);
        if (await db.Projects.Where(p => p.Id == fromId || p.Id == intoId).Where(Project.RunBy(me)).CountAsync(ct) != 2)
        {
            await tx.RollbackAsync(ct);
            return Cannot();
        }
        await db.Projects.Where(p => p.Id == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, intoId).SetProperty(p => p.Status, ProjectStatus.Archived), ct);
        await db.Needs.Where(n => n.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(n => n.ProjectId, intoId), ct);
        await db.Pledges.Where(p => p.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProjectId, intoId), ct);
        await db.ProjectUpdates.Where(u => u.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ProjectId, intoId), ct);
        var newFollowers = await db.ProjectFollowers.AsNoTracking()
            .Where(f => f.ProjectId == fromId && !db.ProjectFollowers.Any(t => t.ProjectId == intoId && t.MemberId == f.MemberId)).ToListAsync(ct);
        db.ProjectFollowers.AddRange(newFollowers.Select(f => new ProjectFollower { ProjectId = intoId, MemberId = f.MemberId, FollowedAt = f.FollowedAt, NotifiedThrough = f.NotifiedThrough }));
        // The other owners of the project merged away are invited to co-own the one kept, not made owners:
        // they agreed to run the first, not the second.
        var otherOwners = await db.ProjectOwners.AsNoTracking()
            .Where(o => o.ProjectId == fromId && !db.ProjectOwners.Any(t => t.ProjectId == intoId && t.MemberId == o.MemberId)
                && !db.OwnerInvitations.Any(i => i.ProjectId == intoId && i.MemberId == o.MemberId))
            .Select(o => o.MemberId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.OwnerInvitations.AddRange(otherOwners.Select(m => new OwnerInvitation { ProjectId = intoId, MemberId = m, InvitedById = me, InvitedAt = now }));
        audit.Record(me, "project.merge", "project", fromId, $"into {intoId}");
        await db.SaveChangesAsync(ct);
        await db.ProjectFollowers.Where(f => f.ProjectId == fromId).ExecuteDeleteAsync(ct);
        await db.OwnerInvitations.Where(i => i.ProjectId == fromId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    private Outcome Cannot() => Outcome.Invalid("intoId",
        l["Only someone who owns both projects can merge them, and neither may be merged already or under review by a community jury."]);

    /// <summary>Where an old address leads after a merge (following chains), or null.</summary>
    public async Task<string?> RedirectForAsync(string slug, CancellationToken ct)
    {
        slug = Infrastructure.Text.ControlCharacters.Strip(slug)!;
        // An id is looked up as an id (a slug never reads as one), so no title can take over a project's id address.
        var next = Guid.TryParse(slug, out var id)
            ? await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => p.MergedIntoId).SingleOrDefaultAsync(ct)
            : await db.Projects.AsNoTracking().Where(p => p.Slug == slug).Select(p => p.MergedIntoId).SingleOrDefaultAsync(ct);
        for (var hops = 0; next is { } hop && hops < 10; hops++)
        {
            var target = await db.Projects.AsNoTracking().Where(p => p.Id == hop).Select(p => new { p.Slug, p.MergedIntoId }).SingleAsync(ct);
            if (target.MergedIntoId is null) return target.Slug;
            next = target.MergedIntoId;
        }
        return null;
    }
}
