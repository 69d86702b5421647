using System.Security.Claims;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

/// <summary>Owners answer pledges: an accepted one counts toward the need's progress, a declined one frees its room for someone else.</summary>
public sealed class Answering(AppDbContext db, Access access, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public Task<Outcome> AcceptAsync(ClaimsPrincipal owner, Guid projectId, Guid pledgeId, CancellationToken ct) =>
        AnswerAsync(owner, projectId, pledgeId, PledgeStatus.Accepted, ct);

    public Task<Outcome> DeclineAsync(ClaimsPrincipal owner, Guid projectId, Guid pledgeId, CancellationToken ct) =>
        AnswerAsync(owner, projectId, pledgeId, PledgeStatus.Declined, ct);

    private async Task<Outcome> AnswerAsync(ClaimsPrincipal owner, Guid projectId, Guid pledgeId, PledgeStatus answer, CancellationToken ct)
    {
        var pledge = await db.Pledges.AsNoTracking().Where(p => p.Id == pledgeId && p.ProjectId == projectId)
            .Select(p => new { p.NeedId, p.Amount, p.MemberId, Need = p.Need!.Title }).SingleOrDefaultAsync(ct);
        if (pledge is null) return Outcome.NotFound;
        if (await access.CheckAsync(owner, new ProjectResource(projectId), ProjectPolicies.Run) is { Kind: not OutcomeKind.Ok } refused) return refused;
        var me = owner.RequiredMemberId();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // Only a pending pledge of a project this owner still runs changes: a pledge withdrawn, or answered by
        // another owner, in the meantime is not counted twice.
        var changed = await db.Pledges
            .Where(p => p.Id == pledgeId && p.Status == PledgeStatus.Pending && db.Projects.Where(Project.RunBy(me)).Any(x => x.Id == p.ProjectId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, answer).SetProperty(p => p.DecidedAt, now), ct);
        if (changed == 0)
        {
            await tx.RollbackAsync(ct);
            var status = await db.Pledges.Where(p => p.Id == pledgeId).Select(p => p.Status).SingleAsync(ct);
            if (status == answer) return Outcome.Ok; // answered twice: harmless
            return status switch
            {
                PledgeStatus.Withdrawn => Outcome.Invalid("pledgeId", l["The pledger withdrew this pledge; there is nothing to answer."]),
                PledgeStatus.Accepted => Outcome.Invalid("pledgeId", l["This pledge was already accepted."]),
                PledgeStatus.Declined => Outcome.Invalid("pledgeId", l["This pledge was already declined."]),
                _ => Outcome.Refused(l["Only the project's owners may do that."]),
            };
        }
        if (answer == PledgeStatus.Accepted) await NeedCounters.FillAsync(db, pledge.NeedId, pledge.Amount, ct);
        else await NeedCounters.ReleaseAsync(db, pledge.NeedId, pledge.Amount, ct);
        audit.Record(me, answer == PledgeStatus.Accepted ? "pledge.accept" : "pledge.decline", "project", projectId, $"pledge {pledgeId}");
        // The pledger hears the answer and what happens next, in the same commit; a declined one is pointed at other needs.
        var project = await db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Title, p.Slug }).SingleAsync(ct);
        Notices.Notices.Tell(db, pledge.MemberId, answer == PledgeStatus.Accepted ? Notices.NoticeKind.PledgeAccepted : Notices.NoticeKind.PledgeDeclined,
            answer == PledgeStatus.Accepted ? $"/projects/{project.Slug}" : "/projects#for-you", now,
            new Dictionary<string, string> { ["project"] = project.Title, ["need"] = pledge.Need }, actorId: me);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }
}
