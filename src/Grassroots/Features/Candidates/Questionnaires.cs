using System.Security.Claims;
using Grassroots.Features.Convention;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates;

public sealed record PlankAnswerInput(Guid? Plank, bool? Pledge, string? Why);

public sealed record QuestionnaireInput(IReadOnlyList<PlankAnswerInput>? Answers);

public sealed record PlankQuestion(Guid Key, string Section, string Title, string Body, bool? Pledge, string? Why);

public sealed record QuestionnaireView(Guid? VersionId, string? Document, int? Version, IReadOnlyList<PlankQuestion> Planks, bool Complete);

/// <summary>
/// The questionnaire: every plank of the latest ratified platform, each answered "I pledge to uphold it" or "I
/// disagree, because…". Answers are public on the profile; they are frozen once the endorsement vote opens (the
/// electorate votes on what it read).
/// </summary>
public sealed class Questionnaires(AppDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>The platform version candidates answer to: the one ratified last.</summary>
    public Task<Guid?> CurrentVersionAsync(CancellationToken ct) =>
        db.PlatformVersions.AsNoTracking().Where(v => v.RatifiedAt != null).OrderByDescending(v => v.RatifiedAt).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);

    public async Task<QuestionnaireView> ReadAsync(Candidacy c, CancellationToken ct)
    {
        // While answering: the platform ratified last. After: the version the answers were given to (none given: the current one).
        var versionId = c.Stage is Stage.Nominated or Stage.Questionnaire || c.PlatformVersionId is null ? await CurrentVersionAsync(ct) : c.PlatformVersionId;
        if (versionId is not { } v) return new QuestionnaireView(null, null, null, [], true);
        var head = await db.PlatformVersions.AsNoTracking().Where(x => x.Id == v)
            .Join(db.PlatformDocuments, x => x.DocumentId, d => d.Id, (x, d) => new { d.Title, x.Number }).SingleAsync(ct);
        var planks = await (from p in db.PlatformPlanks.AsNoTracking().Where(p => p.VersionId == v)
                            join s in db.PlatformSections.AsNoTracking().Where(s => s.VersionId == v) on p.SectionKey equals s.Key
                            orderby s.Position, p.Position
                            select new { p.Key, Section = s.Title, p.Title, p.Body }).ToListAsync(ct);
        var answers = await db.PlankAnswers.AsNoTracking().Where(a => a.CandidacyId == c.Id).ToDictionaryAsync(a => a.PlankKey, ct);
        var questions = planks.Select(p => new PlankQuestion(p.Key, p.Section, p.Title, p.Body,
            answers.TryGetValue(p.Key, out var a) ? a.Pledge : null, answers.TryGetValue(p.Key, out var b) && !b.Pledge ? b.Why : null)).ToList();
        return new QuestionnaireView(v, head.Title, head.Number, questions, questions.All(q => q.Pledge is not null));
    }

    /// <summary>Saves some or all answers (a candidate may answer a few planks at a time).</summary>
    public async Task<(QuestionnaireView? View, Outcome Outcome)> AnswerAsync(ClaimsPrincipal actor, Guid id, QuestionnaireInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        if (await db.Candidacies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.MemberId == me, ct) is not { } c) return (null, Outcome.NotFound);
        if (c.Stage != Stage.Questionnaire)
            return (null, Outcome.Invalid("answers", l["The answers are frozen: the endorsement vote has opened on them."]));
        var current = await ReadAsync(c, ct);
        var keys = current.Planks.Select(p => p.Key).ToHashSet();
        var errors = new FieldErrors();
        var given = input.Answers ?? [];
        if (given.Count == 0) errors.Add("answers", l["Answer at least one plank."]);
        if (given.Count > keys.Count) errors.Add("answers", l["Answer each plank once."]);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < given.Count && errors.IsEmpty; i++)
        {
            var a = given[i];
            var field = $"answers[{i}]";
            if (a is null) errors.Add(field, l["Pledge to uphold the plank, or say that you disagree."]);
            else if (a.Plank is not { } key || !keys.Contains(key)) errors.Add(field, l["This is not a plank of the platform the questionnaire asks about."]);
            else if (!seen.Add(key)) errors.Add(field, l["Answer each plank once."]);
            else if (a.Pledge is null) errors.Add(field, l["Pledge to uphold the plank, or say that you disagree."]);
            else if (a.Pledge == false && ConventionText.Clean(a.Why).Length == 0) errors.Add(field, l["Say why you disagree: the members read it before they vote."]);
            else if (ConventionText.Clean(a.Why).Length > PlankAnswer.MaxWhyLength) errors.Add(field, l["At most {0} characters.", PlankAnswer.MaxWhyLength]);
        }
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        var existing = await db.PlankAnswers.Where(a => a.CandidacyId == id && seen.Contains(a.PlankKey)).ToDictionaryAsync(a => a.PlankKey, ct);
        foreach (var a in given)
        {
            var why = a.Pledge == true ? "" : ConventionText.Clean(a.Why);
            if (existing.TryGetValue(a.Plank!.Value, out var row)) (row.Pledge, row.Why) = (a.Pledge!.Value, why);
            else db.PlankAnswers.Add(new PlankAnswer { CandidacyId = id, PlankKey = a.Plank.Value, Pledge = a.Pledge!.Value, Why = why });
        }
        await db.Candidacies.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PlatformVersionId, current.VersionId), ct);
        await db.SaveChangesAsync(ct);
        return (await ReadAsync(c, ct), Outcome.Ok);
    }
}
