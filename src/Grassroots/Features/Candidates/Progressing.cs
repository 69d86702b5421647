using System.Security.Claims;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates;

public sealed record StageInput(Stage? Stage);

/// <summary>
/// After the endorsement: the candidate records filing with the state (or withdraws, at any time); the stewards
/// record what the state decides: on the ballot, won, lost. Each move is from the stage before it only.
/// </summary>
public sealed class Progressing(AppDbContext db, Stewards stewards, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Which stages a move to <c>to</c> may come from.</summary>
    private static Stage[] From(Stage to) => to switch
    {
        Stage.Filed => [Stage.Endorsed],
        Stage.OnBallot => [Stage.Filed],
        Stage.Won or Stage.Lost => [Stage.OnBallot],
        Stage.Withdrawn => [Stage.Questionnaire, Stage.EndorsementVote, Stage.Endorsed, Stage.Filed, Stage.OnBallot],
        _ => [],
    };

    public async Task<Outcome> MoveAsync(ClaimsPrincipal actor, Guid id, StageInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Candidacies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } c || !Stages.Public(c.Stage)) return Outcome.NotFound;
        if (input.Stage is not { } to || From(to).Length == 0)
            return Outcome.Invalid("stage", l["Record one of: filed, on the ballot, won, lost, withdrawn."]);
        var candidate = c.MemberId == me;
        var steward = await stewards.IsAsync(actor, ct);
        var allowed = to switch
        {
            Stage.Filed => candidate || steward,
            Stage.Withdrawn => candidate,
            _ => steward,
        };
        if (!allowed)
            return Outcome.Refused(to == Stage.Withdrawn ? l["Only the candidate may withdraw."] : to == Stage.Filed ? l["Only the candidate or a steward may record the filing."]
                : l["Only the candidates' stewards record what the state decides."]);
        var from = From(to);
        var now = clock.GetUtcNow();
        if (await db.Candidacies.Where(x => x.Id == id && from.Contains(x.Stage)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Stage, to).SetProperty(x => x.StageAt, now), ct) == 0)
            return Outcome.Invalid("stage", l["The candidacy is not at the stage before that one."]);
        audit.Record(me, "candidacy.stage", "candidacy", id, to.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
