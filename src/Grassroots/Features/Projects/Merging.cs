using System.Security.Claims;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>What a merge of two projects would move and what it keeps, as the confirmation names it.</summary>
public sealed record MergePreview(Guid FromId, string FromSlug, string FromTitle, Guid IntoId, string IntoSlug, string IntoTitle,
    int Needs, int Pledges, int NewFollowers, int Updates, int OwnersInvited, bool DescriptionAppended, bool OwnsBoth,
    int Messages = 0, string? GroupNotCarried = null);

public sealed record MergeProposalView(Guid Id, MergePreview Preview, Guid ProposerProjectId, string ProposedBy, DateTimeOffset ProposedAt,
    string? Note, MergeProposalStatus Status, bool ICanAnswer, bool ICanWithdraw);

/// <summary>What <see cref="Merging.ProposeAsync"/> did: merged at once (the proposer owns both) or asked the other owners.</summary>
public sealed record ProposeResult(Outcome Outcome, Guid? ProposalId = null, bool Merged = false);

/// <summary>
/// Two overlapping projects become one: needs, pledges, followers and updates move to the project kept,
/// its description gains the other's, and the other is archived with its address redirecting. Someone
/// who owns both merges at once; otherwise one side proposes and an owner of the other accepts (neither
/// takes over the other's work without a yes). Everything moves in one transaction.
/// </summary>
public sealed class Merging(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, UserText text,
    IOptions<ProjectsOptions> options, IEnumerable<IMergeStep> steps, IStringLocalizer<SharedResource> l)
{
    /// <summary>An owner of both merges them now (the API's and the owner tools' direct merge).</summary>
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
        await LockAsync(fromId, intoId, ct);
        if (await db.Projects.Where(p => p.Id == fromId || p.Id == intoId).Where(Project.RunBy(me)).CountAsync(ct) != 2)
        {
            await tx.RollbackAsync(ct);
            return Cannot();
        }
        await MoveAsync(me, fromId, intoId, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>What merging <paramref name="fromId"/> into <paramref name="intoId"/> would do, for an owner of either.</summary>
    public async Task<(Outcome Outcome, MergePreview? Preview)> PreviewAsync(ClaimsPrincipal actor, Guid fromId, Guid intoId, CancellationToken ct)
    {
        if (fromId == intoId) return (Outcome.Invalid("with", l["A project cannot be merged into itself. Choose the other project."]), null);
        var me = actor.RequiredMemberId();
        var both = await db.Projects.AsNoTracking().Where(p => p.Id == fromId || p.Id == intoId).Where(Project.Listed)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Description, p.GroupId, Runs = p.Owners.Any(o => o.MemberId == me) }).ToListAsync(ct);
        if (both.Count != 2) return (Outcome.Invalid("with", l["There is no such project to merge with: it may have been merged already or be under review by a community jury."]), null);
        if (!both.Any(p => p.Runs)) return (Outcome.Refused(l["Only an owner of one of the two projects can propose merging them."]), null);
        var (from, into) = (both.Single(p => p.Id == fromId), both.Single(p => p.Id == intoId));
        var preview = new MergePreview(from.Id, from.Slug, from.Title, into.Id, into.Slug, into.Title,
            Needs: await db.Needs.CountAsync(n => n.ProjectId == fromId, ct),
            Pledges: await db.Pledges.Where(Pledge.IsActive).CountAsync(p => p.ProjectId == fromId, ct),
            NewFollowers: await db.ProjectFollowers.CountAsync(f => f.ProjectId == fromId && !db.ProjectFollowers.Any(t => t.ProjectId == intoId && t.MemberId == f.MemberId), ct),
            Updates: await db.ProjectUpdates.CountAsync(u => u.ProjectId == fromId, ct),
            OwnersInvited: await db.ProjectOwners.CountAsync(o => o.ProjectId == fromId && !db.ProjectOwners.Any(t => t.ProjectId == intoId && t.MemberId == o.MemberId), ct),
            DescriptionAppended: !string.IsNullOrWhiteSpace(from.Description),
            OwnsBoth: both.All(p => p.Runs),
            Messages: await MovingElsewhereAsync(fromId, ct),
            // A group took in the project merged away, not the kept one: its organizers decide whether it joins.
            GroupNotCarried: from.GroupId is { } g && g != into.GroupId ? await db.Groups.Where(x => x.Id == g).Select(x => x.Name).SingleOrDefaultAsync(ct) : null);
        return (Outcome.Ok, preview);
    }

    /// <summary>
    /// An owner of one of the two asks the other's owners (by email) to merge <paramref name="fromId"/> into
    /// <paramref name="intoId"/>; an owner of both merges at once. Asking twice leaves one proposal.
    /// </summary>
    public async Task<ProposeResult> ProposeAsync(ClaimsPrincipal actor, Guid fromId, Guid intoId, string? note, CancellationToken ct)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MergeProposal.MaxNoteLength })
            return new(Outcome.Invalid("note", l["The note can be at most {0} characters.", MergeProposal.MaxNoteLength]));
        var (checkedOutcome, preview) = await PreviewAsync(actor, fromId, intoId, ct);
        if (preview is null) return new(checkedOutcome);
        if (preview.OwnsBoth) return new(await MergeAsync(actor, fromId, intoId, ct), Merged: true);

        var me = actor.RequiredMemberId();
        if (await db.Users.IsFrozenAsync(me, ct)) return new(Standing.Frozen(l));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Paced per proposer: parallel proposals wait on the proposer's row (before the projects' rows, always
        // in that order), then count what the first one stored.
        await db.Users.Where(u => u.Id == me).LockAsync(u => u.DisplayName, ct);
        await LockAsync(fromId, intoId, ct);
        var mine = await db.Projects.Where(p => (p.Id == fromId || p.Id == intoId) && p.Status != ProjectStatus.Archived).Where(Project.RunBy(me))
            .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        if (mine is not { } proposerProject || !await db.Projects.Where(Project.Listed).AnyAsync(p => p.Id == (proposerProject == fromId ? intoId : fromId), ct))
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Invalid("with", l["Only an owner of one of the two projects can propose merging them, while neither is archived, merged or under review."]));
        }
        // One open proposal per pair, whichever way it points: asking again (or back) answers with the one there is.
        var open = await db.MergeProposals.Where(m => m.Status == MergeProposalStatus.Pending
                && ((m.FromProjectId == fromId && m.IntoProjectId == intoId) || (m.FromProjectId == intoId && m.IntoProjectId == fromId)))
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (open is { } existing)
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Ok, existing);
        }
        var since = clock.GetUtcNow().AddDays(-1);
        if (await db.MergeProposals.CountAsync(m => m.ProposedById == me && m.ProposedAt > since, ct) >= options.Value.MergeProposalsPerDay)
        {
            await tx.RollbackAsync(ct);
            return new(Outcome.Invalid("with", l["You proposed {0} merges in the past day, the most one member may. Try again tomorrow.", options.Value.MergeProposalsPerDay]));
        }
        var proposal = new MergeProposal
        {
            FromProjectId = fromId, IntoProjectId = intoId, ProposerProjectId = proposerProject, ProposedById = me,
            ProposedAt = clock.GetUtcNow(), Note = note, Status = MergeProposalStatus.Pending,
        };
        db.MergeProposals.Add(proposal);
        var mineTitle = proposerProject == fromId ? preview.FromTitle : preview.IntoTitle;
        var theirTitle = proposerProject == fromId ? preview.IntoTitle : preview.FromTitle;
        // A notice to each owner of the asked side (mailed at once unless they chose otherwise), in this commit.
        var args = new Dictionary<string, string> { ["mine"] = mineTitle, ["theirs"] = theirTitle, ["into"] = preview.IntoTitle, ["from"] = preview.FromTitle };
        if (note is not null) args["note"] = note;
        foreach (var owner in await OwnerIdsAsync(proposal.AnswererProjectId, ct))
            Notices.Notices.Tell(db, owner, Notices.NoticeKind.MergeProposed, $"/projects/merges/{proposal.Id}", proposal.ProposedAt, args, actorId: me);
        audit.Record(me, "project.merge.propose", "project", fromId, $"into {intoId}, proposal {proposal.Id}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(Outcome.Ok, proposal.Id);
    }

    /// <summary>An owner of the asked side says yes (the merge happens now) or no (final for this proposal).</summary>
    public async Task<Outcome> AnswerAsync(ClaimsPrincipal actor, Guid proposalId, bool accept, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var proposal = await db.MergeProposals.AsNoTracking().SingleOrDefaultAsync(m => m.Id == proposalId, ct);
        if (proposal is null || !await db.Projects.Where(Project.OwnedBy(me)).AnyAsync(p => p.Id == proposal.FromProjectId || p.Id == proposal.IntoProjectId, ct))
            return Outcome.NotFound;
        if (!await db.ProjectOwners.AnyAsync(o => o.ProjectId == proposal.AnswererProjectId && o.MemberId == me, ct))
            return Outcome.Refused(l["An owner of the other project answers this proposal."]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(proposal.FromProjectId, proposal.IntoProjectId, ct);
        // Under the locks: a second answer, a withdrawal or the other merge waited here and is seen now.
        var status = await db.MergeProposals.Where(m => m.Id == proposalId).Select(m => m.Status).SingleAsync(ct);
        if (status != MergeProposalStatus.Pending)
        {
            await tx.RollbackAsync(ct);
            return status == (accept ? MergeProposalStatus.Accepted : MergeProposalStatus.Declined) ? Outcome.Ok
                : Outcome.Invalid("proposal", l["This proposal was already answered or withdrawn."]);
        }
        if (accept)
        {
            var runs = await db.Projects.Where(p => p.Id == proposal.AnswererProjectId).Where(Project.RunBy(me)).AnyAsync(ct);
            var proposerSide = await db.Projects.Where(p => p.Id == proposal.ProposerProjectId).Where(Project.Listed).AnyAsync(p => p.Owners.Any(), ct);
            if (!runs || !proposerSide)
            {
                await tx.RollbackAsync(ct);
                return Outcome.Invalid("proposal", l["These projects can't be merged now: one was merged already, has no owner, or is under review by a community jury."]);
            }
        }
        var now = clock.GetUtcNow();
        await db.MergeProposals.Where(m => m.Id == proposalId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, accept ? MergeProposalStatus.Accepted : MergeProposalStatus.Declined)
            .SetProperty(m => m.AnsweredById, me).SetProperty(m => m.AnsweredAt, now), ct);
        if (accept) await MoveAsync(me, proposal.FromProjectId, proposal.IntoProjectId, ct);
        else audit.Record(me, "project.merge.decline", "project", proposal.FromProjectId, $"proposal {proposalId}");

        var titles = await db.Projects.AsNoTracking().Where(p => p.Id == proposal.FromProjectId || p.Id == proposal.IntoProjectId)
            .ToDictionaryAsync(p => p.Id, p => new { p.Title, p.Slug }, ct);
        // Accepted, the proposer's link leads to the merged project; declined, back to their own.
        var link = $"/projects/{titles[accept ? proposal.IntoProjectId : proposal.ProposerProjectId].Slug}";
        Notices.Notices.Tell(db, proposal.ProposedById, Notices.NoticeKind.MergeAnswered, link, now, new Dictionary<string, string>
        {
            ["answer"] = accept ? "accepted" : "declined",
            ["from"] = titles[proposal.FromProjectId].Title,
            ["into"] = titles[proposal.IntoProjectId].Title,
        }, actorId: me);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>The proposing side takes its proposal back while it waits.</summary>
    public async Task<Outcome> WithdrawAsync(ClaimsPrincipal actor, Guid proposalId, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var proposal = await db.MergeProposals.AsNoTracking().SingleOrDefaultAsync(m => m.Id == proposalId, ct);
        if (proposal is null || !await db.Projects.Where(Project.OwnedBy(me)).AnyAsync(p => p.Id == proposal.FromProjectId || p.Id == proposal.IntoProjectId, ct))
            return Outcome.NotFound;
        if (!await db.ProjectOwners.AnyAsync(o => o.ProjectId == proposal.ProposerProjectId && o.MemberId == me, ct))
            return Outcome.Refused(l["Only the proposing side can withdraw a proposal; you can decline it."]);
        var changed = await db.MergeProposals.Where(m => m.Id == proposalId && m.Status == MergeProposalStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MergeProposalStatus.Withdrawn).SetProperty(m => m.AnsweredById, me)
                .SetProperty(m => m.AnsweredAt, clock.GetUtcNow()), ct);
        if (changed == 0 && await db.MergeProposals.AnyAsync(m => m.Id == proposalId && m.Status != MergeProposalStatus.Withdrawn, ct))
            return Outcome.Invalid("proposal", l["This proposal was already answered."]);
        return Outcome.Ok;
    }

    /// <summary>One proposal, for an owner of either project (nobody else learns who proposed what to whom).</summary>
    public async Task<MergeProposalView?> ReadAsync(ClaimsPrincipal actor, Guid proposalId, CancellationToken ct)
    {
        if (actor.MemberId() is not { } me) return null;
        var proposal = await db.MergeProposals.AsNoTracking().SingleOrDefaultAsync(m => m.Id == proposalId, ct);
        if (proposal is null) return null;
        var owned = await db.ProjectOwners.Where(o => o.MemberId == me && (o.ProjectId == proposal.FromProjectId || o.ProjectId == proposal.IntoProjectId))
            .Select(o => o.ProjectId).ToListAsync(ct);
        if (owned.Count == 0) return null;
        var preview = proposal.Status == MergeProposalStatus.Pending ? (await PreviewAsync(actor, proposal.FromProjectId, proposal.IntoProjectId, ct)).Preview : null;
        preview ??= await db.Projects.AsNoTracking().Where(p => p.Id == proposal.FromProjectId)
            .Select(f => new MergePreview(f.Id, f.Slug, f.Title, proposal.IntoProjectId,
                db.Projects.Where(i => i.Id == proposal.IntoProjectId).Select(i => i.Slug).Single(),
                db.Projects.Where(i => i.Id == proposal.IntoProjectId).Select(i => i.Title).Single(), 0, 0, 0, 0, 0, false, false)).SingleAsync(ct);
        var pending = proposal.Status == MergeProposalStatus.Pending;
        return new MergeProposalView(proposal.Id, preview, proposal.ProposerProjectId, await db.Users.PublicNameAsync(proposal.ProposedById, ct), proposal.ProposedAt,
            proposal.Note, proposal.Status, pending && owned.Contains(proposal.AnswererProjectId), pending && owned.Contains(proposal.ProposerProjectId));
    }

    /// <summary>Open proposals a project's owners should see: asked of them, or by them.</summary>
    public async Task<IReadOnlyList<(Guid Id, string OtherTitle, bool Incoming)>> PendingForAsync(Guid projectId, CancellationToken ct)
    {
        var rows = await db.MergeProposals.AsNoTracking()
            .Where(m => m.Status == MergeProposalStatus.Pending && (m.FromProjectId == projectId || m.IntoProjectId == projectId))
            .OrderBy(m => m.ProposedAt).Take(Paging.MaxSize)
            .Select(m => new
            {
                m.Id, m.ProposerProjectId,
                Other = db.Projects.Where(p => p.Id == (m.FromProjectId == projectId ? m.IntoProjectId : m.FromProjectId) && p.MergedIntoId == null && p.HiddenAt == null)
                    .Select(p => p.Title).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Where(r => r.Other is not null).Select(r => (r.Id, r.Other!, r.ProposerProjectId != projectId)).ToList();
    }

    private Outcome Cannot() => Outcome.Invalid("intoId",
        l["Only someone who owns both projects can merge them, and neither may be merged already or under review by a community jury."]);

    /// <summary>
    /// Lock both rows, always in the same order, before checking again: A into B and B into A sent at once
    /// queue here, and the second finds its partner merged (a moderation freeze, or an owner leaving, in the
    /// meantime is seen the same way). Merging moves needs, pledges and updates, so a project a jury is
    /// reviewing (or removed) never merges: it would carry them back into view.
    /// </summary>
    private async Task LockAsync(Guid a, Guid b, CancellationToken ct)
    {
        foreach (var id in new[] { a, b }.Order())
            await db.Projects.Where(p => p.Id == id).LockAsync(p => p.Status, ct);
    }

    private async Task<int> MovingElsewhereAsync(Guid fromId, CancellationToken ct)
    {
        var total = 0;
        foreach (var step in steps) total += await step.MovingAsync(fromId, ct);
        return total;
    }

    /// <summary>The move itself, inside the caller's transaction with both rows locked and every check made.</summary>
    private async Task MoveAsync(Guid me, Guid fromId, Guid intoId, CancellationToken ct)
    {
        var from = await db.Projects.AsNoTracking().Where(p => p.Id == fromId).Select(p => new { p.Title, p.Description }).SingleAsync(ct);
        // The description of the project merged away is kept: appended under its title, so nothing its
        // owners wrote is lost (the old project keeps its own copy too, behind the redirect).
        if (!string.IsNullOrWhiteSpace(from.Description))
        {
            var into = await db.Projects.SingleAsync(p => p.Id == intoId, ct);
            var joined = $"{into.Description.TrimEnd()}\n\n## {from.Title}\n\n{from.Description.Trim()}".Trim();
            if (joined.Length > ProjectInput.MaxDescriptionLength) joined = joined[..(ProjectInput.MaxDescriptionLength - 1)] + "…";
            into.Description = joined;
            into.DescriptionHtml = text.ToSafeHtml(joined);
        }
        await db.Projects.Where(p => p.Id == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, intoId).SetProperty(p => p.Status, ProjectStatus.Archived), ct);
        await db.Needs.Where(n => n.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(n => n.ProjectId, intoId), ct);
        await db.Pledges.Where(p => p.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProjectId, intoId), ct);
        await db.ProjectUpdates.Where(u => u.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ProjectId, intoId), ct);
        foreach (var step in steps) await step.MoveAsync(fromId, intoId, ct);
        var newFollowers = await db.ProjectFollowers.AsNoTracking()
            .Where(f => f.ProjectId == fromId && !db.ProjectFollowers.Any(t => t.ProjectId == intoId && t.MemberId == f.MemberId)).ToListAsync(ct);
        db.ProjectFollowers.AddRange(newFollowers.Select(f => new ProjectFollower { ProjectId = intoId, MemberId = f.MemberId, FollowedAt = f.FollowedAt, NotifiedThrough = f.NotifiedThrough }));
        // The owners of the project merged away are invited to co-own the one kept, not made owners:
        // they agreed to run the first, not the second.
        var otherOwners = await db.ProjectOwners.AsNoTracking()
            .Where(o => o.ProjectId == fromId && !db.ProjectOwners.Any(t => t.ProjectId == intoId && t.MemberId == o.MemberId)
                && !db.OwnerInvitations.Any(i => i.ProjectId == intoId && i.MemberId == o.MemberId))
            .Select(o => o.MemberId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.OwnerInvitations.AddRange(otherOwners.Select(m => new OwnerInvitation { ProjectId = intoId, MemberId = m, InvitedById = me, InvitedAt = now }));
        // Other open proposals about the project merged away lapse: it no longer exists to merge.
        await db.MergeProposals.Where(m => m.Status == MergeProposalStatus.Pending && (m.FromProjectId == fromId || m.IntoProjectId == fromId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MergeProposalStatus.Withdrawn).SetProperty(m => m.AnsweredAt, now), ct);
        audit.Record(me, "project.merge", "project", fromId, $"into {intoId}");
        await db.SaveChangesAsync(ct);
        await db.ProjectFollowers.Where(f => f.ProjectId == fromId).ExecuteDeleteAsync(ct);
        await db.OwnerInvitations.Where(i => i.ProjectId == fromId).ExecuteDeleteAsync(ct);
    }

    private Task<List<Guid>> OwnerIdsAsync(Guid projectId, CancellationToken ct) =>
        db.ProjectOwners.Where(o => o.ProjectId == projectId).Select(o => o.MemberId).ToListAsync(ct);

    /// <summary>Where an old address leads after a merge (following chains), or null.</summary>
    public async Task<string?> RedirectForAsync(string slug, CancellationToken ct)
    {
        slug = ControlCharacters.Strip(slug)!;
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
