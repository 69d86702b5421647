using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Candidates;

/// <summary>
/// A member who deletes their account: where they vote is forgotten; their running candidacies are withdrawn (a
/// candidate nobody can reach can't file or answer); nominations of others still waiting lose their link, so nothing
/// made in their name can still turn someone into a candidate. What the movement decided (an endorsement vote and its
/// result) stays in the public record, as the convention's votes do.
/// </summary>
internal sealed class LeavingCandidates(AppDbContext db, TimeProvider clock) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Residences.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.Candidacies.Where(c => c.MemberId == memberId).Where(Stages.RunningRow)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Stage, Stage.Withdrawn).SetProperty(c => c.StageAt, now), ct);
        await db.Candidacies.Where(c => c.NominatedById == memberId && c.Stage == Stage.Nominated)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Stage, Stage.Declined).SetProperty(c => c.StageAt, now).SetProperty(c => c.TokenHash, (string?)null), ct);
    }
}

/// <summary>What candidates hold about a member, for their data export: where they vote, their candidacies and answers, the nominations they made.</summary>
internal sealed class CandidatesPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var residence = await db.Residences.AsNoTracking().Where(r => r.MemberId == memberId).Select(r => new { r.State, r.County, r.District, r.Precinct, r.UpdatedAt }).SingleOrDefaultAsync(ct);
        var candidacies = await db.Candidacies.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.NominatedAt)
            .Select(c => new { c.Id, office = c.Office!.Name, c.Name, stage = c.Stage.ToString(), c.StageAt, c.Statement,
                answers = db.PlankAnswers.Where(a => a.CandidacyId == c.Id).Select(a => new { a.PlankKey, a.Pledge, a.Why }).ToList() })
            .ToListAsync(ct);
        var nominated = await db.Candidacies.AsNoTracking().Where(c => c.NominatedById == memberId && c.MemberId != memberId).OrderBy(c => c.NominatedAt)
            .Select(c => new { c.Id, office = c.Office!.Name, c.Name, stage = c.Stage.ToString(), c.NominatedAt }).ToListAsync(ct);
        return [("residence", (object?)residence ?? new { }), ("candidacies", candidacies), ("nominations", nominated)];
    }
}
