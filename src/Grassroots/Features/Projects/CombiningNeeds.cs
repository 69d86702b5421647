using System.Security.Claims;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>Two needs of one project that look like the same thing asked twice (typically after a merge).</summary>
public sealed record LookAlikeNeeds(Guid KeepId, string KeepTitle, Guid OtherId, string OtherTitle);

/// <summary>
/// After two projects merge, "Painters" and "Painters wanted" sit side by side. Owners combine them:
/// the older need is kept, the other's pledges move into it, and its goal becomes the larger of the two
/// (more if the pledges already held need more room). A member who pledged to both keeps one pledge —
/// the one to the kept need; the other is marked withdrawn (the same promise, made twice).
/// </summary>
public sealed class CombiningNeeds(AppDbContext db, Access access, AuditLog audit, IOptions<ProjectsOptions> limits, IStringLocalizer<SharedResource> l)
{
    public async Task<IReadOnlyList<LookAlikeNeeds>> FindAsync(Guid projectId, CancellationToken ct)
    {
        var needs = await db.Needs.AsNoTracking().Where(n => n.ProjectId == projectId).OrderBy(n => n.CreatedAt)
            .Select(n => new { n.Id, n.Kind, n.Title, n.Skill }).Take(Paging.MaxSize).ToListAsync(ct);
        var pairs = new List<LookAlikeNeeds>();
        var paired = new HashSet<Guid>();
        for (var i = 0; i < needs.Count; i++)
            for (var j = i + 1; j < needs.Count; j++)
            {
                var (a, b) = (needs[i], needs[j]);
                if (a.Kind != b.Kind || paired.Contains(a.Id) || paired.Contains(b.Id)) continue;
                if (!Alike(a.Title, b.Title) && !(a.Skill is not null && a.Skill == b.Skill)) continue;
                pairs.Add(new LookAlikeNeeds(a.Id, a.Title, b.Id, b.Title));
                (_, _) = (paired.Add(a.Id), paired.Add(b.Id));
            }
        return pairs;
    }

    /// <summary>Half the distinctive words of the shorter title appear in the other ("Painters" / "Painters wanted").</summary>
    internal static bool Alike(string a, string b)
    {
        var (x, y) = (Similarity.Words(a), Similarity.Words(b));
        if (x.Count == 0 || y.Count == 0) return string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        return Similarity.Shared(x, y) * 2 >= Math.Min(x.Count, y.Count);
    }

    public async Task<Outcome> CombineAsync(ClaimsPrincipal actor, Guid projectId, Guid keepId, Guid otherId, CancellationToken ct)
    {
        if (await access.CheckAsync(actor, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        if (keepId == otherId) return Outcome.Invalid("otherId", l["Choose two different needs to combine."]);
        var me = actor.RequiredMemberId();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Both need rows locked: a pledge to either waits, then finds its need combined (or gone) instead of being lost with it.
        foreach (var id in new[] { keepId, otherId }.Order())
            await db.Needs.Where(n => n.Id == id && n.ProjectId == projectId).LockAsync(n => n.Reserved, ct);
        var needs = await db.Needs.Where(n => (n.Id == keepId || n.Id == otherId) && n.ProjectId == projectId).ToListAsync(ct);
        if (needs.Count != 2 || !await db.Projects.Where(p => p.Id == projectId).Where(Project.RunBy(me)).AnyAsync(ct))
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("otherId", l["There are no such needs in this project to combine."]);
        }
        var (keep, other) = (needs.Single(n => n.Id == keepId), needs.Single(n => n.Id == otherId));
        if (keep.Kind != other.Kind)
        {
            await tx.RollbackAsync(ct);
            return Outcome.Invalid("otherId", l["Only needs of the same kind can be combined (people with people, money with money)."]);
        }
        // The same member's active pledges to both are one promise: the one to the kept need stays.
        var twice = await db.Pledges.Where(Pledge.IsActive).Where(p => p.NeedId == otherId
                && db.Pledges.Any(k => k.NeedId == keepId && k.MemberId == p.MemberId && (k.Status == PledgeStatus.Pending || k.Status == PledgeStatus.Accepted)))
            .ToListAsync(ct);
        foreach (var p in twice)
        {
            other.Reserved -= p.Amount;
            if (p.Status == PledgeStatus.Accepted) other.Filled -= p.Amount;
            p.Status = PledgeStatus.Withdrawn;
        }
        await db.SaveChangesAsync(ct);
        // Detached, or removing the other need below would delete them with it in the change tracker.
        foreach (var p in twice) db.Entry(p).State = EntityState.Detached;
        await db.Pledges.Where(p => p.NeedId == otherId).ExecuteUpdateAsync(s => s.SetProperty(p => p.NeedId, keepId), ct);
        keep.Reserved += other.Reserved;
        keep.Filled += other.Filled;
        keep.Quantity = Math.Min(limits.Value.Ceiling(keep.Kind), Math.Max(Math.Max(keep.Quantity, other.Quantity), keep.Reserved));
        keep.AllowOverfill |= other.AllowOverfill;
        keep.Closed = keep.Full || (keep.Closed && other.Closed);
        db.Needs.Remove(other);
        audit.Record(me, "project.need.combine", "project", projectId, $"need {otherId} into {keepId}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }
}
