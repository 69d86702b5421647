using System.Security.Claims;
using Grassroots.Features.Convention;
using Grassroots.Features.Fund;
using Grassroots.Features.Fund.Ledger;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Candidates;

public sealed record CandidateCard(Guid Id, string Name, Guid OfficeId, string Office, string State, OfficeKind Kind, Stage Stage, DateTimeOffset StageAt);

public sealed record VoteLink(string Assembly, int Number, MotionStatus Status, DateTimeOffset? ClosesAt, int Roll, int Voted);

public sealed record CandidateView(Guid Id, string Name, OfficeView Office, Stage Stage, DateTimeOffset StageAt, string Statement, string StatementHtml,
    QuestionnaireView Questionnaire, VoteLink? Vote, long HeldCents, bool Backed, bool Mine, bool Steward);

public sealed record StageCount(Stage Stage, int Count);

/// <summary>A state's recruiting: offices listed, their seats, running candidates (who accepted), endorsed ones.</summary>
public sealed record StateCount(string State, int Offices, int Seats, int Recruits, int Endorsed);

/// <summary>A county's precinct committee officer seats and recruits ("open PCO seats in King County: 412, recruits: 37").</summary>
public sealed record CountyCount(string State, string County, int Seats, int Recruits);

public sealed record Pipeline(IReadOnlyList<StageCount> Stages, IReadOnlyList<StateCount> States, IReadOnlyList<CountyCount> PrecinctSeats);

/// <summary>What anyone may read of candidates: the pipeline's counts, the list, a profile. A nomination nobody accepted yet is only a number.</summary>
public sealed class CandidatesReports(AppDbContext db, Books books, Questionnaires questionnaires, Stewards stewards, UserText text)
{
    public const int MaxStates = 60;

    public async Task<Page<CandidateCard>> ListAsync(string? state, Stage? stage, OfficeKind? kind, Guid? office, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Candidacies.AsNoTracking().Where(c => c.Stage != Stage.Nominated && c.Stage != Stage.Declined);
        if (Codes.Of(state) is { } s) query = query.Where(c => c.Office!.State == s);
        if (stage is { } st) query = query.Where(c => c.Stage == st);
        if (kind is { } k) query = query.Where(c => c.Office!.Kind == k);
        if (office is { } o) query = query.Where(c => c.OfficeId == o);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.Stage).ThenByDescending(c => c.StageAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size)
            .Select(c => new CandidateCard(c.Id, c.Name, c.OfficeId, c.Office!.Name, c.Office.State, c.Office.Kind, c.Stage, c.StageAt)).ToListAsync(ct);
        return new Page<CandidateCard>(items, p, size, total);
    }

    public async Task<Pipeline> PipelineAsync(string? state, CancellationToken ct)
    {
        var s = Codes.Of(state);
        var candidacies = db.Candidacies.AsNoTracking().Where(c => s == null || c.Office!.State == s);
        var stages = await candidacies.GroupBy(c => c.Stage).Select(g => new StageCount(g.Key, g.Count())).ToListAsync(ct);
        var running = db.Candidacies.Where(Stages.RunningRow).Where(c => c.Stage != Stage.Nominated);
        var offices = db.Offices.AsNoTracking().Where(o => s == null || o.State == s);
        var byState = await offices.GroupBy(o => o.State).Select(g => new { State = g.Key, Offices = g.Count(), Seats = g.Sum(o => o.Seats) }).ToListAsync(ct);
        var recruits = await running.Where(c => s == null || c.Office!.State == s).GroupBy(c => c.Office!.State)
            .Select(g => new { State = g.Key, Recruits = g.Count(), Endorsed = g.Count(c => c.Stage == Stage.Endorsed || c.Stage == Stage.Filed || c.Stage == Stage.OnBallot) })
            .ToDictionaryAsync(x => x.State, ct);
        var states = byState.Select(x => new StateCount(x.State, x.Offices, x.Seats, recruits.GetValueOrDefault(x.State)?.Recruits ?? 0, recruits.GetValueOrDefault(x.State)?.Endorsed ?? 0))
            .OrderByDescending(x => x.Recruits).ThenBy(x => x.State).Take(MaxStates).ToList();
        var pco = offices.Where(o => o.Kind == OfficeKind.PrecinctCommitteeOfficer && o.County != null);
        var seats = await pco.GroupBy(o => new { o.State, o.County }).Select(g => new { g.Key.State, g.Key.County, Seats = g.Sum(o => o.Seats) }).ToListAsync(ct);
        var pcoRecruits = await running.Where(c => c.Office!.Kind == OfficeKind.PrecinctCommitteeOfficer && (s == null || c.Office.State == s))
            .GroupBy(c => new { c.Office!.State, c.Office.County }).Select(g => new { g.Key.State, g.Key.County, Count = g.Count() }).ToListAsync(ct);
        var counties = seats.Select(x => new CountyCount(x.State, x.County!, x.Seats, pcoRecruits.FirstOrDefault(r => r.State == x.State && r.County == x.County)?.Count ?? 0))
            .OrderBy(x => x.State).ThenBy(x => x.County).Take(200).ToList();
        return new Pipeline(stages.OrderBy(x => x.Stage).ToList(), states, counties);
    }

    public async Task<CandidateView?> ProfileAsync(Guid id, ClaimsPrincipal viewer, CancellationToken ct)
    {
        var c = await db.Candidacies.AsNoTracking().Include(x => x.Office).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Stages.Public(c.Stage)) return null;
        var vote = c.MotionId is { } m
            ? await db.Motions.AsNoTracking().Where(x => x.Id == m).Join(db.Assemblies, x => x.AssemblyId, a => a.Id, (x, a) => new VoteLink(a.Slug, x.Number, x.Status, x.ClosesAt, x.Roll, x.Voted)).SingleOrDefaultAsync(ct)
            : null;
        var account = FundAccounts.Candidate(c.Id);
        var held = (await books.HeldAsync([account], ct)).GetValueOrDefault(account);
        return new CandidateView(c.Id, c.Name, OfficeView.Of(c.Office!), c.Stage, c.StageAt, c.Statement, text.ToSafeHtml(c.Statement), await questionnaires.ReadAsync(c, ct), vote, held,
            Stages.Backed.Contains(c.Stage), viewer.MemberId() is { } me && c.MemberId == me, await stewards.IsAsync(viewer, ct));
    }

    /// <summary>My candidacies, and the nominations I made that wait for an answer (those show no more than the name I gave).</summary>
    public async Task<Page<CandidateCard>> MineAsync(Guid me, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Candidacies.AsNoTracking().Where(c => c.MemberId == me || (c.NominatedById == me && c.Stage == Stage.Nominated));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.NominatedAt).Skip((p - 1) * size).Take(size)
            .Select(c => new CandidateCard(c.Id, c.Name, c.OfficeId, c.Office!.Name, c.Office.State, c.Office.Kind, c.Stage, c.StageAt)).ToListAsync(ct);
        return new Page<CandidateCard>(items, p, size, total);
    }
}
