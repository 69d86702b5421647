using Grassroots.Infrastructure.Web;
using Grassroots.Opinion.Polis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

        api.MapPost("/import/preview", async Task<Results<Ok<PolisImportSummary>, ValidationProblem>> (HttpContext http, PolisImport import, CancellationToken ct) =>
        {
            var upload = await PolisUpload.ReadAsync(http, import, ct);
            return upload.Conversation is { } data ? TypedResults.Ok(PolisImport.Summarize(data)) : Invalid(upload.Errors);
        }).RequireAuthorization().DisableAntiforgery().RequireRateLimiting(ServiceDefaults.UploadLimit)
            .WithSummary("Check a Pol.is export without importing it: multipart fields comments and votes (comments.csv, votes.csv), optionally participantsVotes and summary");

        api.MapPost("/import", async Task<Results<Created<PolisImported>, ProblemHttpResult, ValidationProblem>> (
            [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, PolisImport import, Deliberating d, CancellationToken ct) =>
        {
            var upload = await PolisUpload.ReadAsync(http, import, ct);
            if (upload.Conversation is not { } data) return Invalid(upload.Errors);
            var (c, outcome) = await import.ImportAsync(http.User, upload.Input, data, key, ct);
            if (c is null) return ApiResults.From(outcome, () => TypedResults.Created("", (PolisImported)null!));
            return TypedResults.Created($"/api/conversations/{c.Slug}", new PolisImported((await d.ReadAsync(c.Slug, http.User, ct))!, PolisImport.Summarize(data)));
        }).RequireAuthorization().DisableAntiforgery().RequireRateLimiting(ServiceDefaults.UploadLimit)
            .WithSummary("Import a Pol.is export as a read-only conversation (fields as for preview, plus topic, description, documentId); participants keep their ids; a malformed file imports nothing");

        api.MapGet("/{idOrSlug}/export/{file}", ExportAsync).RequireAuthorization()
            .WithSummary("The conversation in Pol.is' export format, comments.csv or votes.csv (moderators; ids are participant and statement numbers; "
                + "our members' times by the day; ?for=spreadsheet puts ' before statements a spreadsheet would run as formulas)");
        // The same files for the conversation's page: a link the browser follows with the sign-in cookie, which /api does not read.
        app.MapGet("/conversations/{idOrSlug}/export/{file}", ExportAsync).RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit).ExcludeFromDescription();

        api.MapDelete("/{idOrSlug}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (string idOrSlug, HttpContext http, Deliberating d, PolisImport import, CancellationToken ct) =>
            await d.FindAsync(idOrSlug, ct) is { } c ? ApiResults.From(await import.DeleteAsync(http.User, c, ct), TypedResults.NoContent) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("Undo an import: its importer deletes an imported conversation (others are kept: their votes are members')");

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

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(string idOrSlug, string file, string? @for, HttpContext http, Deliberating d, PolisImport import, CancellationToken ct)
    {
        if (file is not (PolisReader.CommentsFile or PolisReader.VotesFile)) return ApiResults.NotFound("Export comments.csv or votes.csv.");
        if (await d.FindAsync(idOrSlug, ct) is not { } c) return ApiResults.NotFound();
        if (!await d.ModeratesAsync(c, http.User.MemberId(), ct)) return ApiResults.Forbidden("Only the conversation's moderators export its votes.");
        var data = await import.ExportAsync(c, ct);
        var spreadsheet = @for == "spreadsheet";
        return TypedResults.Stream(body => file == PolisReader.CommentsFile
                ? PolisWriter.WriteAsync(data, body, Stream.Null, spreadsheet, ct)
                : PolisWriter.WriteAsync(data, Stream.Null, body, spreadsheet, ct),
            "text/csv; charset=utf-8", $"{c.Slug}-{(spreadsheet ? "spreadsheet-" : "")}{file}");
    }

    /// <summary>A malformed upload: 400 with the message under the file's field, and where it is (file, line, column) as extensions.</summary>
    /// <summary>One entry per file with a problem; file, line and column of the first (older clients read those).</summary>
    private static ValidationProblem Invalid(IReadOnlyList<PolisImportError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The Pol.is export cannot be imported",
            extensions: new Dictionary<string, object?>
            {
                ["file"] = errors[0].File, ["line"] = errors[0].Line, ["column"] = errors[0].Column,
                ["files"] = errors.Select(e => new { e.File, e.Line, e.Column }).ToList(),
            });
}
