using Grassroots.Features.Members;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

/// <summary>
/// A member who deletes their account: what others rely on stays under "Former member" (their amendments that
/// others co-signed or that were decided, their revisions and comments others answer, the public log), their
/// signatures under undecided amendments are withdrawn (the counts and the ballot follow, as when they withdraw
/// one themselves), their undecided amendments nobody signed are withdrawn (no one is left to revise or answer
/// for them), and they stop facilitating. A document they were the only creator of passes to its
/// longest-standing facilitator, as a group passes to its longest-standing member; one left with no one says so
/// in its public log.
/// </summary>
internal sealed class LeavingPlatform(AppDbContext db, MovementSize movement, AuditLog audit, TimeProvider clock) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = await movement.MembersAsync(ct);
        var signed = await (from c in db.AmendmentCosigns
                            where c.MemberId == memberId
                            join a in db.Amendments on c.AmendmentId equals a.Id
                            where a.Status == AmendmentStatus.Open || a.Status == AmendmentStatus.OnBallot
                            join d in db.PlatformDocuments on a.DocumentId equals d.Id
                            select new { a.Id, d.BallotPerMille, d.BallotMinimum }).ToListAsync(ct);
        foreach (var a in signed)
            await Amending.UnsignAsync(db, a.Id, memberId, PlatformRules.BallotThreshold(a.BallotPerMille, a.BallotMinimum, members), ct);

        await db.Amendments.Where(a => a.AuthorId == memberId && (a.Status == AmendmentStatus.Open || a.Status == AmendmentStatus.OnBallot) && a.Cosigners == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AmendmentStatus.Withdrawn).SetProperty(a => a.DecidedAt, now), ct);
        // The key of a retried request says nothing to anyone once the account is gone.
        await db.Amendments.Where(a => a.AuthorId == memberId && a.IdempotencyKey != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IdempotencyKey, (string?)null), ct);

        await db.FacilitatorInvitations.Where(f => f.MemberId == memberId || f.InvitedById == memberId).ExecuteDeleteAsync(ct);
        foreach (var row in await db.DocumentFacilitators.Where(f => f.MemberId == memberId).ToListAsync(ct))
        {
            var doc = await db.PlatformDocuments.SingleAsync(d => d.Id == row.DocumentId, ct);
            db.DocumentFacilitators.Remove(row);
            var others = await db.DocumentFacilitators.Where(f => f.DocumentId == doc.Id && f.MemberId != memberId).OrderBy(f => f.NamedAt).ToListAsync(ct);
            if (others.Count == 0)
                Log(doc, memberId, "facilitator.none", "");
            else if (row.Role == DocumentRole.Creator && others.All(f => f.Role != DocumentRole.Creator))
            {
                var heir = others[0];
                heir.Role = DocumentRole.Creator;
                Log(doc, memberId, "facilitator.succeed", $"{await db.Users.PublicNameAsync(heir.MemberId, ct)}: {DocumentRole.Creator}");
            }
            else Log(doc, memberId, "facilitator.left", "");
        }
        await db.SaveChangesAsync(ct);
    }

    private void Log(PlatformDocument doc, Guid memberId, string action, string detail)
    {
        doc.Revision++;
        db.FacilitatorLog.Add(new FacilitatorAction { DocumentId = doc.Id, ActorId = memberId, At = clock.GetUtcNow(), Action = action, Detail = detail });
        audit.Record(null, "platform." + action, "platform", doc.Id, detail);
    }
}
