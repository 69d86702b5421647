using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Conversations;

public sealed record StatementCreated(int Number);

public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations").WithTags("Conversations").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async (Guid? document, int? page, int? pageSize, Deliberating d, CancellationToken ct) => TypedResults.Ok(await d.ListAsync(document, page, pageSize, ct)))
            .WithSummary("Conversations, newest first (?document= those of one platform document)");

        api.MapPost("/", async Task<Results<Created<ConversationView>, ProblemHttpResult, ValidationProblem>> (ConversationInput input, HttpContext http, Deliberating d, CancellationToken ct) =>
        {
            var (c, outcome) = await d.CreateAsync(http.User, input, ct);
            if (c is null) return ApiResults.From(outcome, () => TypedResults.Created("", (ConversationView)null!));
            return TypedResults.Created($"/api/conversations/{c.Slug}", (await d.ReadAsync(c.Slug, http.User, ct))!);
        }).RequireAuthorization().WithSummary("Start a conversation (on a platform document or plank: its facilitators), with seed statements");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<ConversationView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, Deliberating d, ConversationModeration moderation, CancellationToken ct) =>
        {
            if (await d.FindAsync(idOrSlug, ct, hidden: true) is not { } found) return ApiResults.NotFound("There is no conversation at this address.");
            if (await moderation.ForViewerAsync(found, http.User, ct) is { ShowContent: false } notice) return moderation.Problem(notice);
            return await d.ReadAsync(found.Id.ToString(), http.User, ct, hidden: true) is { } c ? TypedResults.Ok(c) : ApiResults.NotFound("There is no conversation at this address.");
        }).WithSummary("One conversation, with your participant number and how many statements you voted on (403 while a community jury reviews it, 410 once it removed it, except for whoever started it)");

        api.MapGet("/{idOrSlug}/statements", async Task<Results<Ok<Page<StatementView>>, ProblemHttpResult>> (string idOrSlug, StatementStatus? status, int? page, int? pageSize, HttpContext http, Deliberating d, CancellationToken ct) =>
            await d.FindAsync(idOrSlug, ct) is { } c ? TypedResults.Ok(await d.StatementsAsync(c.Id, status, http.User.MemberId(), page, pageSize, ct)) : ApiResults.NotFound())
            .WithSummary("Statements by number, with their votes and yours");

        api.MapPost("/{idOrSlug}/statements", async Task<Results<Created<StatementCreated>, ProblemHttpResult, ValidationProblem>> (string idOrSlug, StatementInput input, HttpContext http, Deliberating d, CancellationToken ct) =>
        {
            if (await d.FindAsync(idOrSlug, ct) is not { } c) return ApiResults.NotFound();
            var (number, outcome) = await d.SubmitAsync(http.User, c.Id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/conversations/{c.Slug}/statements", new StatementCreated(number!.Value)));
        }).RequireAuthorization().WithSummary("Write a statement (you agree with it); one idea, at most 400 characters");

        api.MapGet("/{idOrSlug}/next", async Task<Results<Ok<StatementView>, NoContent, ProblemHttpResult>> (string idOrSlug, HttpContext http, Deliberating d, CancellationToken ct) =>
        {
            if (await d.FindAsync(idOrSlug, ct) is not { } c) return ApiResults.NotFound();
            return await d.NextAsync(c.Id, http.User.MemberId(), ct) is { } s ? TypedResults.Ok(s) : TypedResults.NoContent();
        }).WithSummary("The next statement to vote on (fewest votes first); 204 when you voted on all");

        api.MapPost("/{idOrSlug}/votes", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, VoteInput input, HttpContext http, Deliberating d, CancellationToken ct) =>
            await d.FindAsync(idOrSlug, ct) is { } c ? ApiResults.From(await d.VoteAsync(http.User, c.Id, input, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Vote on a statement: 1 agree, -1 disagree, 0 pass; voting again replaces your vote");

        api.MapPut("/{idOrSlug}/statements/{number:int}/moderation", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, int number, ModerationInput input, HttpContext http, Deliberating d, CancellationToken ct) =>
            await d.FindAsync(idOrSlug, ct) is { } c ? ApiResults.From(await d.ModerateAsync(http.User, c.Id, number, input, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Moderators accept a statement or reject it (Spam, OffTopic, Duplicate, AgainstValues): rejected, it leaves the vote and the map");

        api.MapGet("/{idOrSlug}/map", async Task<Results<Ok<OpinionMapView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, Deliberating d, OpinionMaps maps, CancellationToken ct) =>
        {
            if (await d.FindAsync(idOrSlug, ct) is not { } c) return ApiResults.NotFound();
            return await maps.ReadAsync(c.Id, http.User.MemberId(), ct) is { } map ? TypedResults.Ok(map)
                : ApiResults.NotFound("The opinion map is not computed yet: it appears a few seconds after the first votes.");
        }).WithSummary("The opinion map: groups with their representative statements, group-aware consensus, your group");

        api.MapGet("/{idOrSlug}/participants", async Task<Results<Ok<Page<ParticipantView>>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, Deliberating d, OpinionMaps maps, CancellationToken ct) =>
            await d.FindAsync(idOrSlug, ct) is { } c ? TypedResults.Ok(await maps.ParticipantsAsync(c.Id, page, pageSize, ct)) : ApiResults.NotFound())
            .WithSummary("Every participant of the last map by number (an import keeps Pol.is' ids) with its opinion group");
        return app;
    }
}
