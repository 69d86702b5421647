using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Candidates;

public sealed record TokenInput(string? Token);

public sealed record NominationView(Guid Id, Stage Stage, string Name, Guid OfficeId);

public sealed record WaitingNominationView(string Name, OfficeView Office, string Nominator);

public sealed record EndorsementVoteView(Guid MotionId, string Assembly, int Number, DateTimeOffset? ClosesAt, int Roll);

/// <summary>Candidates over JSON: offices and filing windows, nominations and their answers, questionnaires, endorsement votes, the pipeline.</summary>
internal static class CandidatesApi
{
    public static IEndpointRouteBuilder MapCandidatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/candidates").WithTags("Candidates");

        api.MapGet("", async Task<Ok<Page<CandidateCard>>> (string? state, Stage? stage, OfficeKind? kind, Guid? office, int? page, int? pageSize, CandidatesReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.ListAsync(state, stage, kind, office, page, pageSize, ct)))
            .WithSummary("Candidates who accepted, by stage then latest move; filter by state, stage, kind of office, office; paged");

        api.MapGet("/pipeline", async Task<Ok<Pipeline>> (string? state, CandidatesReports reports, CancellationToken ct) => TypedResults.Ok(await reports.PipelineAsync(state, ct)))
            .WithSummary("Counts: candidacies per stage, offices, seats, recruits and endorsed per state, precinct committee officer seats and recruits per county");

        api.MapGet("/{id:guid}", async Task<Results<Ok<CandidateView>, ProblemHttpResult>> (Guid id, HttpContext http, CandidatesReports reports, CancellationToken ct) =>
            await reports.ProfileAsync(id, http.User, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound("There is no candidate at this address."))
            .WithSummary("A candidate's public profile: office, stage, statement, questionnaire answers, endorsement vote, what the fund holds for them");

        api.MapPost("", async Task<Results<Created<NominationView>, ProblemHttpResult, ValidationProblem>> (NominationInput input, HttpContext http, Nominating nominating, CancellationToken ct) =>
        {
            var (c, outcome) = await nominating.NominateAsync(http.User, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/candidates/{c!.Id}", new NominationView(c.Id, c.Stage, c.Name, c.OfficeId)));
        }).RequireAuthorization().WithSummary(
            "Nominate: {\"officeId\", \"self\": true} runs yourself (accepted at once); {\"officeId\", \"name\", \"email\"} emails them a link to accept or decline");

        api.MapPost("/nominations/read", async Task<Results<Ok<WaitingNominationView>, ProblemHttpResult>> (TokenInput input, Nominating nominating, CancellationToken ct) =>
            await nominating.WaitingAsync(input.Token, ct) is { } w ? TypedResults.Ok(new WaitingNominationView(w.Candidacy.Name, OfficeView.Of(w.Office), w.Nominator))
                : ApiResults.NotFound("This link was answered already, or it is not a nomination's link."))
            .WithSummary("The nomination a link's {\"token\"} opens, while it waits for an answer");

        api.MapPost("/nominations/accept", async Task<Results<Ok<NominationView>, ProblemHttpResult, ValidationProblem>> (TokenInput input, HttpContext http, Nominating nominating, CancellationToken ct) =>
        {
            var (c, outcome) = await nominating.AcceptAsync(http.User, input.Token, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(new NominationView(c!.Id, c.Stage, c.Name, c.OfficeId)));
        }).RequireAuthorization().WithSummary("Accept the nomination of a link's {\"token\"}: you are the candidate (your account, confirmed)");

        api.MapPost("/nominations/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (TokenInput input, Nominating nominating, CancellationToken ct) =>
            ApiResults.From(await nominating.DeclineAsync(input.Token, ct), TypedResults.NoContent))
            .WithSummary("Decline the nomination of a link's {\"token\"} (no account needed)");

        api.MapPut("/{id:guid}/profile", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, ProfileInput input, HttpContext http, Nominating nominating, CancellationToken ct) =>
            ApiResults.From(await nominating.EditAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("The candidate: {\"name\", \"statement\"} (Markdown) on the profile");

        api.MapPut("/{id:guid}/questionnaire", async Task<Results<Ok<QuestionnaireView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, QuestionnaireInput input, HttpContext http, Questionnaires questionnaires, CancellationToken ct) =>
        {
            var (view, outcome) = await questionnaires.AnswerAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(view!));
        }).RequireAuthorization().WithSummary("The candidate answers planks: {\"answers\": [{\"plank\": key, \"pledge\": true} or {\"plank\", \"pledge\": false, \"why\"}]}");

        api.MapPost("/{id:guid}/endorsement", async Task<Results<Created<EndorsementVoteView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, HttpContext http, Endorsing endorsing, CancellationToken ct) =>
        {
            var (vote, outcome) = await endorsing.AskAsync(http.User, id, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/assemblies/{vote!.Assembly}/motions/{vote.Number}", vote));
        }).RequireAuthorization().WithSummary("The candidate, questionnaire answered: open the endorsement vote (the district's members on the roll; it closes by itself)");

        api.MapPost("/{id:guid}/stage", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, StageInput input, HttpContext http, Progressing progressing, CancellationToken ct) =>
            ApiResults.From(await progressing.MoveAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Record {\"stage\"}: Filed (the candidate or a steward), Withdrawn (the candidate), OnBallot, Won, Lost (stewards)");

        app.MapGet("/api/me/candidacies", async Task<Ok<Page<CandidateCard>>> (int? page, int? pageSize, HttpContext http, CandidatesReports reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.MineAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Candidates").WithSummary("My candidacies, and my nominations of others still waiting for an answer; paged");

        app.MapGet("/api/me/residence", async Task<Results<Ok<ResidenceView>, NoContent>> (HttpContext http, Residences residences, CancellationToken ct) =>
            await residences.MineAsync(http.User.RequiredMemberId(), ct) is { } r ? TypedResults.Ok(r) : TypedResults.NoContent())
            .RequireAuthorization().WithTags("Candidates").WithSummary("Where I vote (state, county, legislative district, precinct), as I said it");

        app.MapPut("/api/me/residence", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (ResidenceInput input, HttpContext http, Residences residences, CancellationToken ct) =>
            ApiResults.From(await residences.SaveAsync(http.User, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithTags("Candidates").WithSummary("Say where I vote: it puts me on the roll of my district's endorsement votes");

        var offices = app.MapGroup("/api/offices").WithTags("Candidates");
        offices.MapGet("", async Task<Ok<Page<OfficeView>>> (string? state, OfficeKind? kind, string? county, string? q, int? page, int? pageSize, Offices list, CancellationToken ct) =>
            TypedResults.Ok(await list.ListAsync(state, kind, county, q, page, pageSize, ct))).WithSummary("Offices, with their running candidates' count; filter by state, kind, county, text; paged");
        offices.MapGet("/{id:guid}", async Task<Results<Ok<OfficeView>, ProblemHttpResult>> (Guid id, Offices list, CancellationToken ct) =>
            await list.ReadAsync(id, ct) is { } o ? TypedResults.Ok(o) : ApiResults.NotFound()).WithSummary("An office");
        offices.MapPost("", async Task<Results<Created<OfficeView>, ProblemHttpResult, ValidationProblem>> (OfficeInput input, HttpContext http, Offices list, CancellationToken ct) =>
        {
            var (o, outcome) = await list.CreateAsync(http.User, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/offices/{o!.Id}", o));
        }).RequireAuthorization().WithSummary("Stewards: add an office {\"level\", \"kind\", \"name\", \"state\", \"county\", \"district\", \"precinct\", \"seats\"}");

        var windows = app.MapGroup("/api/filing-windows").WithTags("Candidates");
        windows.MapGet("", async Task<Ok<Page<FilingWindowView>>> (string? state, int? page, int? pageSize, Offices list, CancellationToken ct) =>
            TypedResults.Ok(await list.WindowsAsync(state, page, pageSize, ct))).WithSummary("Filing windows not yet closed (and last week's), soonest first; paged");
        windows.MapPost("", async Task<Results<Created<FilingWindowView>, ProblemHttpResult, ValidationProblem>> (FilingWindowInput input, HttpContext http, Offices list, CancellationToken ct) =>
        {
            var (w, outcome) = await list.AddWindowAsync(http.User, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/filing-windows/{w!.Id}", w));
        }).RequireAuthorization().WithSummary("Stewards: add a filing window {\"state\", \"kind\", \"opensAt\", \"closesAt\", \"timeZone\", \"note\"}");
        return app;
    }
}
