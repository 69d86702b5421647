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
public sealed class Merging(AppDbContext db, Launching launching, AuditLog audit, IStringLocalizer<SharedResource> l)
{
    public async Task<Outcome> MergeAsync(Guid fromId, Guid intoId, Guid actorId, CancellationToken ct)
    {
        if (fromId == intoId) return Outcome.Invalid("intoId", l["A project cannot be merged into itself. Choose the other project."]);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Id == fromId || p.Id == intoId)
            .Select(p => new { p.Id, p.MergedIntoId, p.Title }).ToListAsync(ct);
        if (projects.All(p => p.Id != fromId)) return Outcome.NotFound;
        if (projects.All(p => p.Id != intoId)) return Outcome.Invalid("intoId", l["There is no such project to merge into."]);
        if (projects.Any(p => p.MergedIntoId is not null)) return Outcome.Invalid("intoId", l["One of these projects was already merged into another."]);
        if (!await launching.IsOwnerAsync(fromId, actorId, ct) || !await launching.IsOwnerAsync(intoId, actorId, ct))
            return Outcome.Invalid("intoId", l["Only someone who owns both projects can merge them. Ask the other owners to add you as a co-owner first."]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Archiving first takes the row lock: a second merge of the same project waits, then finds it merged.
        var archived = await db.Projects.Where(p => p.Id == fromId && p.MergedIntoId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, intoId).SetProperty(p => p.Status, ProjectStatus.Archived), ct);
        if (archived == 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("intoId", l["One of these projects was already merged into another."]);
        }
        await db.Needs.Where(n => n.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(n => n.ProjectId, intoId), ct);
        await db.Pledges.Where(p => p.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProjectId, intoId), ct);
        await db.ProjectUpdates.Where(u => u.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ProjectId, intoId), ct);
        var newFollowers = await db.ProjectFollowers.AsNoTracking()
            .Where(f => f.ProjectId == fromId && !db.ProjectFollowers.Any(t => t.ProjectId == intoId && t.MemberId == f.MemberId)).ToListAsync(ct);
        db.ProjectFollowers.AddRange(newFollowers.Select(f => new ProjectFollower { ProjectId = intoId, MemberId = f.MemberId, FollowedAt = f.FollowedAt, NotifiedThrough = f.NotifiedThrough }));
        var newOwners = await db.ProjectOwners.AsNoTracking()
            .Where(o => o.ProjectId == fromId && !db.ProjectOwners.Any(t => t.ProjectId == intoId && t.MemberId == o.MemberId)).ToListAsync(ct);
        db.ProjectOwners.AddRange(newOwners.Select(o => new ProjectOwner { ProjectId = intoId, MemberId = o.MemberId, AddedAt = o.AddedAt }));
        audit.Record(actorId, "project.merge", "project", fromId, $"into {intoId}");
        await db.SaveChangesAsync(ct);
        await db.ProjectFollowers.Where(f => f.ProjectId == fromId).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Where an old address leads after a merge (following chains), or null.</summary>
    public async Task<string?> RedirectForAsync(string slug, CancellationToken ct)
    {
        slug = Infrastructure.Text.ControlCharacters.Strip(slug)!;
        var next = await db.Projects.AsNoTracking().Where(p => p.Slug == slug).Select(p => p.MergedIntoId).SingleOrDefaultAsync(ct);
        for (var hops = 0; next is { } id && hops < 10; hops++)
        {
            var target = await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Slug, p.MergedIntoId }).SingleAsync(ct);
            if (target.MergedIntoId is null) return target.Slug;
            next = target.MergedIntoId;
        }
        return null;
    }
}
