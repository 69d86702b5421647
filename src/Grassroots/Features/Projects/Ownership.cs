using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

public sealed record OwnerInvitationView(Guid ProjectId, string ProjectSlug, string ProjectTitle, string InvitedBy, DateTimeOffset InvitedAt);

/// <summary>
/// Who runs a project. An owner invites a member to co-own it; the member becomes an owner only by
/// accepting (no one is made answerable for a project, or named on it, without saying yes). An owner
/// steps down only themselves, never another, and the last owner stays until there is another.
/// </summary>
public sealed class Ownership(AppDbContext db, Access access, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> InviteAsync(ClaimsPrincipal actor, Guid projectId, Guid memberId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return Standing.Frozen(l);
        var invitee = await db.Users.AsNoTracking().Where(u => u.Id == memberId && u.DeletedAt == null)
            .Select(u => new { u.Email, u.Culture }).SingleOrDefaultAsync(ct);
        if (invitee?.Email is null) return Outcome.Invalid("memberId", l["There is no such member."]);
        if (await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId && o.MemberId == memberId, ct)) return Outcome.Ok;
        // Co-owners come from the project's followers (people who chose to hear about it), and a no is final.
        if (!await db.ProjectFollowers.AnyAsync(f => f.ProjectId == projectId && f.MemberId == memberId, ct))
            return Outcome.Invalid("memberId", l["Only a follower of the project can be invited to co-own it."]);
        if (await db.OwnerInvitations.AnyAsync(i => i.ProjectId == projectId && i.MemberId == memberId, ct))
            return await db.OwnerInvitations.AnyAsync(i => i.ProjectId == projectId && i.MemberId == memberId && i.DeclinedAt != null, ct)
                ? Outcome.Invalid("memberId", l["They declined to co-own this project; they will not be asked again."])
                : Outcome.Ok;

        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Title, p.Slug }).SingleAsync(ct);
        var now = clock.GetUtcNow();
        db.OwnerInvitations.Add(new OwnerInvitation { ProjectId = projectId, MemberId = memberId, InvitedById = me, InvitedAt = now });
        // A notice (mailed at once unless the member chose otherwise), in the same commit as the invitation.
        Notices.Notices.Tell(db, memberId, Notices.NoticeKind.CoOwnerInvitation, $"/projects/{project.Slug}", now,
            new Dictionary<string, string> { ["project"] = project.Title }, actorId: me);
        audit.Record(me, "project.owner.invite", "project", projectId, $"member {memberId}");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // invited twice at once: the key kept one, and one email
        return Outcome.Ok;
    }

    /// <summary>The invited member says yes: the invitation becomes ownership, once, even if sent twice.</summary>
    public async Task<Outcome> AcceptAsync(ClaimsPrincipal actor, Guid projectId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the project's row first: heirs accepting at once are serialized, so only the first takes
        // over a project nobody runs (below) and the others find their invitation gone.
        await db.Projects.Where(p => p.Id == projectId).LockAsync(p => p.Status, ct);
        // A project a jury reviews or removed takes no new owners: the invitation waits (or lapses with a removal).
        var taken = await db.OwnerInvitations
            .Where(i => i.ProjectId == projectId && i.MemberId == me && i.DeclinedAt == null && db.Projects.Where(Project.Listed).Any(p => p.Id == projectId))
            .ExecuteDeleteAsync(ct);
        if (taken == 0)
            return await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId && o.MemberId == me, ct) ? Outcome.Ok
                : await db.OwnerInvitations.AnyAsync(i => i.ProjectId == projectId && i.MemberId == me && i.DeclinedAt == null, ct)
                    ? Outcome.Refused(l["A community jury is reviewing this project: it can't be changed until the jury decides."])
                    : Outcome.Invalid("projectId", l["There is no invitation to co-own this project for you."]);
        // A project nobody runs (its owner left) was offered to several followers: the first to accept
        // owns it, and the other offers lapse; they would otherwise make co-owners the new owner never chose.
        if (!await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId, ct))
            await db.OwnerInvitations.Where(i => i.ProjectId == projectId && i.DeclinedAt == null).ExecuteDeleteAsync(ct);
        db.ProjectOwners.Add(new ProjectOwner { ProjectId = projectId, MemberId = me, AddedAt = clock.GetUtcNow() });
        audit.Record(me, "project.owner.add", "project", projectId, $"member {me} accepted");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> DeclineAsync(ClaimsPrincipal actor, Guid projectId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var now = clock.GetUtcNow();
        await db.OwnerInvitations.Where(i => i.ProjectId == projectId && i.MemberId == me && i.DeclinedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.DeclinedAt, now), ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// An owner steps down: only oneself. The last owner stays unless they archive the project as they
    /// leave (an owner by hand-over who never wanted it can always get out; the project then takes no pledges).
    /// </summary>
    public async Task<Outcome> StepDownAsync(ClaimsPrincipal actor, Guid projectId, CancellationToken ct, bool archive = false)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Own) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var me = actor.RequiredMemberId();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the project's row first (SQLite: the write lock), then count: two owners stepping
        // down at once are serialized, so the second sees the first one gone and stays.
        await db.Projects.Where(p => p.Id == projectId).LockAsync(p => p.Status, ct);
        var removed = await db.ProjectOwners
            .Where(o => o.ProjectId == projectId && o.MemberId == me && (archive || db.ProjectOwners.Count(x => x.ProjectId == projectId) > 1))
            .ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("memberId", l["You are the only owner. Invite someone to co-own it first, or step down and archive the project."]);
        }
        if (archive && !await db.ProjectOwners.AnyAsync(o => o.ProjectId == projectId, ct))
        {
            await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, ProjectStatus.Archived), ct);
            await db.Needs.Where(n => n.ProjectId == projectId && !n.Closed).ExecuteUpdateAsync(x => x.SetProperty(n => n.Closed, true), ct);
            audit.Record(me, "project.status", "project", projectId, nameof(ProjectStatus.Archived));
        }
        audit.Record(me, "project.owner.leave", "project", projectId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>The invitations waiting for a member's answer, newest first.</summary>
    public async Task<IReadOnlyList<OwnerInvitationView>> InvitationsForAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await (from i in db.OwnerInvitations.AsNoTracking()
                          where i.MemberId == memberId && i.DeclinedAt == null
                          join p in db.Projects on i.ProjectId equals p.Id
                          join u in db.Users on i.InvitedById equals u.Id
                          orderby i.InvitedAt descending
                          select new { p.Id, p.Slug, p.Title, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation, i.InvitedAt }).Take(Paging.MaxSize).ToListAsync(ct);
        return rows.Select(r => new OwnerInvitationView(r.Id, r.Slug, r.Title, MemberNames.Public(r.DisplayName, r.ShowFullName, r.DeletedAt, r.Moderation), r.InvitedAt)).ToList();
    }

    public Task<bool> IsInvitedAsync(Guid projectId, Guid memberId, CancellationToken ct) =>
        db.OwnerInvitations.AnyAsync(i => i.ProjectId == projectId && i.MemberId == memberId && i.DeclinedAt == null, ct);
}
