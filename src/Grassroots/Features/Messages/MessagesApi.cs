using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Messages;

public sealed record MessageSent(Guid Id, int Recipients);

public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/messages").WithTags("Messages").RequireRateLimiting(ServiceDefaults.WriteLimit).RequireAuthorization();

        api.MapPost("/", async Task<Results<Created<MessageSent>, ProblemHttpResult, ValidationProblem>> (MessageInput input, HttpContext http, Sending sending, CancellationToken ct) =>
            Sent(await sending.SendAsync(http.User, input, ct), http))
            .WithSummary("An organizer writes to the group (groupId), an owner to the project's accepted volunteers (projectId) or one need's (needId); addresses stay private");

        api.MapGet("/{id:guid}", async Task<Results<Ok<MessageView>, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Reading reading, CancellationToken ct) =>
        {
            var (message, outcome) = await reading.MessageAsync(id, http.User.RequiredMemberId(), ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(message!));
        }).WithSummary("One message, for its sender, its recipients and the group's organizers or the project's owners");

        api.MapGet("/{id:guid}/threads", async Task<Results<Ok<Page<ThreadView>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? page, int? pageSize, HttpContext http, Reading reading, CancellationToken ct) =>
        {
            var (threads, outcome) = await reading.ThreadsAsync(id, http.User.RequiredMemberId(), page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(threads!));
        }).WithSummary("The private threads of a message: every recipient's for its sender, my own for a recipient");

        api.MapGet("/{id:guid}/threads/{threadId:guid}/replies", async Task<Results<Ok<Page<ReplyView>>, ProblemHttpResult, ValidationProblem>> (Guid id, Guid threadId, int? page, int? pageSize, HttpContext http, Reading reading, CancellationToken ct) =>
        {
            var (_, _, replies, outcome) = await reading.ThreadAsync(id, threadId, http.User.RequiredMemberId(), page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(replies!));
        }).WithSummary("The replies of one thread, oldest first, for its two people");

        api.MapPost("/{id:guid}/threads/{threadId:guid}/replies", async Task<Results<Created<ReplyCreated>, ProblemHttpResult, ValidationProblem>> (Guid id, Guid threadId, ReplyInput input, HttpContext http, Replying replying, CancellationToken ct) =>
        {
            var result = await replying.ReplyAsync(id, threadId, http.User.RequiredMemberId(), input.Body, null, ct);
            if (result.Paced) return TooMany(http, result.Outcome);
            return ApiResults.From(result.Outcome, () => TypedResults.Created($"/api/messages/{id}/threads/{threadId}/replies", new ReplyCreated(result.ReplyId!.Value)));
        }).WithSummary("Reply in a thread (its recipient or the message's sender); the other side is emailed without either address shown");

        app.MapGet("/api/groups/{id:guid}/messages", async Task<Results<Ok<Page<MessageSummary>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? page, int? pageSize, HttpContext http, Reading reading, CancellationToken ct) =>
        {
            var (archive, outcome) = await reading.ArchiveAsync(id, null, http.User.RequiredMemberId(), page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(archive!.Messages));
        }).RequireAuthorization().WithTags("Messages").WithSummary("The group's archive of messages: all for its organizers, what reached me for a member");

        app.MapGet("/api/projects/{id:guid}/messages", async Task<Results<Ok<Page<MessageSummary>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? page, int? pageSize, HttpContext http, Reading reading, CancellationToken ct) =>
        {
            var (archive, outcome) = await reading.ArchiveAsync(null, id, http.User.RequiredMemberId(), page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(archive!.Messages));
        }).RequireAuthorization().WithTags("Messages").WithSummary("The project's archive of messages: all for its owners, what reached me for a volunteer");

        app.MapGet("/api/groups/{id:guid}/invite", async Task<Results<Ok<InviteLink>, ProblemHttpResult>> (Guid id, HttpContext http, Invites invites, CancellationToken ct) =>
            await invites.ForAsync(id, http.User.MemberId(), ct) is { } link ? TypedResults.Ok(link) : ApiResults.NotFound())
            .WithTags("Messages").WithSummary("The group's invite link to share (with the inviter's public profile id when signed in), a mailto: link and the flyer page");

        return app;
    }

    public sealed record ReplyCreated(Guid Id);

    /// <summary>The group API's older address for an organizer's message still works, through the same use case.</summary>
    public static Results<Created<MessageSent>, ProblemHttpResult, ValidationProblem> Sent(SendResult result, HttpContext http) =>
        result.Paced ? TooMany(http, result.Outcome)
        : ApiResults.From(result.Outcome, () => TypedResults.Created($"/api/messages/{result.Message!.Id}", new MessageSent(result.Message.Id, result.Message.Recipients)));

    private static ProblemHttpResult TooMany(HttpContext http, Outcome outcome)
    {
        http.Response.Headers.RetryAfter = "3600";
        return TypedResults.Problem(statusCode: 429, title: "Too many messages", detail: outcome.Errors?.ToDictionary().Values.First()[0]);
    }
}
