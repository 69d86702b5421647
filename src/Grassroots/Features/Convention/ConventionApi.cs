using System.Text.Json;
using Grassroots.Ballots.Audit;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Convention;

public sealed record AnswerInput(bool? Accept);

public static class ConventionApi
{
    public static IEndpointRouteBuilder MapConventionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assemblies").WithTags("Convention").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async (int? page, int? pageSize, Assemblies assemblies, CancellationToken ct) => TypedResults.Ok(await assemblies.ListAsync(page, pageSize, ct)))
            .WithSummary("Assemblies, latest first");

        api.MapPost("/", async Task<Results<Created<AssemblyView>, ProblemHttpResult, ValidationProblem>> (AssemblyInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
        {
            var (a, outcome) = await assemblies.CreateAsync(http.User, input, ct);
            if (a is null) return ApiResults.From(outcome, () => TypedResults.Created("", (AssemblyView)null!));
            return TypedResults.Created($"/api/assemblies/{a.Slug}", (await assemblies.ReadAsync(a.Id.ToString(), http.User, ct))!);
        }).RequireAuthorization().WithSummary("Start an assembly (no approval): you its creator; a venue must be an event you host; a stream an https address");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<AssemblyView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            await assemblies.ReadAsync(idOrSlug, http.User, ct) is { } a ? TypedResults.Ok(a) : ApiResults.NotFound("There is no assembly at this address."))
            .WithSummary("An assembly: dates, venue, stream, officers, agenda with its motions, how many are registered and credentialed, and your place in it");

        api.MapPut("/{id:guid}/registration", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, RegistrationInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            ApiResults.From(await assemblies.RegisterAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Register, or change how you attend: InPerson (also RSVPs you to the venue; the door's check-in credentials you) or Remote (your confirmed account does)");
        api.MapDelete("/{id:guid}/registration", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            ApiResults.From(await assemblies.UnregisterAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Withdraw your registration");

        api.MapGet("/{idOrSlug}/roll", async Task<Results<Ok<Roll>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, Assemblies assemblies, CancellationToken ct) =>
            await assemblies.RollAsync(idOrSlug, page, pageSize, ct) is { } roll ? TypedResults.Ok(roll) : ApiResults.NotFound())
            .WithSummary("Everyone registered, alphabetically, and whether each is credentialed now");
        api.MapGet("/{id:guid}/log", async (Guid id, int? page, int? pageSize, Assemblies assemblies, CancellationToken ct) => TypedResults.Ok(await assemblies.LogAsync(id, page, pageSize, ct)))
            .WithSummary("The public log: officers, credentials decisions with their reasons, votes opened and closed, newest first");

        api.MapPost("/{id:guid}/credentials", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, CredentialInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            ApiResults.From(await assemblies.DecideCredentialAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Credentials committee (creators and chairs): seat or unseat a registered member, with a reason the log shows");

        api.MapPost("/{id:guid}/chairs", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, OfficerInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            ApiResults.From(await assemblies.AskChairAsync(http.User, id, input, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Creators: ask a member to chair (they accept or decline; nothing is theirs until they accept)");
        api.MapPost("/{id:guid}/chairs/me", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, AnswerInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            input.Accept is not { } accept ? ApiResults.Invalid(FieldErrors.Single("accept", "Say true to accept or false to decline."))
                : ApiResults.From(await assemblies.AnswerChairAsync(http.User, id, accept, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Answer an invitation to chair: {\"accept\": true} or false");
        api.MapDelete("/{id:guid}/chairs/{memberId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid memberId, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
            ApiResults.From(await assemblies.RemoveChairAsync(http.User, id, memberId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Creators: remove a chair; a chair: step down");

        api.MapDelegations();

        api.MapPost("/{id:guid}/agenda", async Task<Results<Created<AgendaItem>, ProblemHttpResult, ValidationProblem>> (Guid id, AgendaItemInput input, HttpContext http, Assemblies assemblies, CancellationToken ct) =>
        {
            var (item, outcome) = await assemblies.AddAgendaItemAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/assemblies/{id}", item!));
        }).RequireAuthorization().WithSummary("Officers: add an agenda item at the end");

        api.MapPost("/{id:guid}/motions", async Task<Results<Created<MotionView>, ProblemHttpResult, ValidationProblem>> (Guid id, MotionInput input, HttpContext http, Assemblies assemblies, Motions motions, CancellationToken ct) =>
        {
            var (m, outcome) = await motions.CreateAsync(http.User, id, input, ct);
            if (m is null) return ApiResults.From(outcome, () => TypedResults.Created("", (MotionView)null!));
            var a = (await assemblies.FindAsync(id.ToString(), ct))!;
            return TypedResults.Created($"/api/assemblies/{a.Slug}/motions/{m.Number}", (await motions.ReadAsync(a, m.Number, http.User, ct))!);
        }).RequireAuthorization().WithSummary("Officers: write a motion — kind Procedural|Ratify|AdoptAmendment|Elect; method yes-no|approval|irv|stv; threshold majority|three-fifths|two-thirds; quorumBallots and quorumPercent of the roll");

        api.MapGet("/{idOrSlug}/motions/{number:int}", async Task<Results<Ok<MotionView>, ProblemHttpResult>> (string idOrSlug, int number, HttpContext http, Assemblies assemblies, Motions motions, CancellationToken ct) =>
            await assemblies.FindAsync(idOrSlug, ct) is { } a && await motions.ReadAsync(a, number, http.User, ct) is { } m ? TypedResults.Ok(m) : ApiResults.NotFound("There is no such motion."))
            .WithSummary("A motion: turnout and the board's head while open; the result once closed (never before, to anyone)");

        api.MapPost("/{id:guid}/motions/{number:int}/open", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, int number, OpenInput? input, HttpContext http, Motions motions, CancellationToken ct) =>
            ApiResults.From(await motions.OpenAsync(http.User, id, number, input ?? new OpenInput(null), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Chairs: open the vote; the roll is called now; {\"minutes\": N} closes it by itself after N minutes");
        api.MapPost("/{id:guid}/motions/{number:int}/close", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, int number, HttpContext http, Motions motions, CancellationToken ct) =>
            ApiResults.From(await motions.CloseAsync(http.User, id, number, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Chairs: close the vote; it is counted and the result published");

        api.MapPost("/{id:guid}/motions/{number:int}/ballots", async Task<Results<Created<Receipt>, Ok<Receipt>, ProblemHttpResult, ValidationProblem>> (
            Guid id, int number, BallotInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Motions motions, Voting voting, CancellationToken ct) =>
        {
            if (await motions.FindAsync(id, number, ct) is not { } m) return ApiResults.NotFound("There is no such motion.");
            var result = await voting.CastAsync(http.User, m, input, key, ct);
            if (result.Receipt is null)
                return result.Outcome.Kind switch
                {
                    OutcomeKind.NotFound => ApiResults.NotFound("There is no such motion."),
                    OutcomeKind.Forbidden => ApiResults.Forbidden(result.Outcome.Detail ?? "You may not vote on this motion."),
                    _ => ApiResults.Invalid(result.Outcome.Errors!),
                };
            return result.Replayed ? TypedResults.Ok(result.Receipt) : TypedResults.Created($"/api/assemblies/{id}/motions/{number}/board/{result.Receipt.Tracker}", result.Receipt);
        }).RequireAuthorization().WithSummary("Cast (or, where allowed, replace) your ballot: choices \"yes\"|\"no\"|\"abstain\", approved option numbers \"1,3\", or a ranking \"3>1>2\"; the receipt's tracker is your check on the board; send an Idempotency-Key to retry safely");
        api.MapGet("/{id:guid}/motions/{number:int}/ballots/mine", async Task<Results<Ok<Receipt>, ProblemHttpResult>> (Guid id, int number, HttpContext http, Motions motions, Voting voting, CancellationToken ct) =>
            await motions.FindAsync(id, number, ct) is { } m && await voting.MineAsync(http.User, m.Id, ct) is { } r ? TypedResults.Ok(r) : ApiResults.NotFound("You have not voted on this motion."))
            .RequireAuthorization().WithSummary("Your current ballot's receipt");

        api.MapGet("/{idOrSlug}/motions/{number:int}/board", async Task<Results<Ok<Page<BoardEntryView>>, ProblemHttpResult>> (string idOrSlug, int number, int? page, int? pageSize, string? tracker, Assemblies assemblies, Motions motions, CancellationToken ct) =>
            await assemblies.FindAsync(idOrSlug, ct) is { } a && await motions.FindAsync(a.Id, number, ct) is { } m ? TypedResults.Ok(await motions.BoardAsync(m, page, pageSize, tracker, ct)) : ApiResults.NotFound())
            .WithSummary("The bulletin board in order (?tracker= finds one): trackers and hashes always; choices and nonces once closed");

        api.MapGet("/{idOrSlug}/motions/{number:int}/audit", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string idOrSlug, int number, Assemblies assemblies, Motions motions, CancellationToken ct) =>
        {
            if (await assemblies.FindAsync(idOrSlug, ct) is not { } a || await motions.FindAsync(a.Id, number, ct) is not { } m) return ApiResults.NotFound();
            if (await motions.AuditAsync(m, ct) is not { } file) return ApiResults.Forbidden("The audit file is published when voting closes.");
            return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(file, AuditFile.Json), "application/json", $"{a.Slug}-motion-{m.Number}-audit.json");
        }).WithSummary("Closed motions: the audit file (board with choices, roll of who voted, head, result); check it with `dotnet run --project src/Grassroots -- verify FILE`");

        api.MapGet("/{idOrSlug}/motions/{number:int}/ballots.blt", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string idOrSlug, int number, Assemblies assemblies, Motions motions, CancellationToken ct) =>
        {
            if (await assemblies.FindAsync(idOrSlug, ct) is not { } a || await motions.FindAsync(a.Id, number, ct) is not { } m) return ApiResults.NotFound();
            if (await motions.BltAsync(m, m.Title, ct) is not { } blt) return ApiResults.Forbidden("Ranked motions' ballots are published as BLT when voting closes.");
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(blt), "text/plain; charset=utf-8", $"{a.Slug}-motion-{m.Number}.blt");
        }).WithSummary("Closed ranked motions: the counted ballots in BLT, for OpenSTV and other counting programs");

        return app;
    }
}
