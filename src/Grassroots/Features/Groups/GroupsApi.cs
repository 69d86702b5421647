using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Groups;

public sealed record LeaveInput(Guid? SuccessorId);
public sealed record OrganizerInput(Guid MemberId);

public static class GroupsApi
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/groups").WithTags("Groups").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/", async Task<Results<Ok<Page<GroupSummary>>, ValidationProblem>> ([AsParameters] GroupQuery query, GroupDirectory directory, CancellationToken ct) =>
        {
            var (page, errors) = await directory.SearchAsync(query, ct);
            return page is null ? ApiResults.Invalid(errors) : TypedResults.Ok(page);
        }).CacheOutput(GroupsModule.DirectoryCache).WithSummary("Search the group directory by text, kind and distance from a ZIP; paged");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<GroupView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, GroupDetails details, CancellationToken ct) =>
        {
            var me = http.User.MemberId();
            if (await details.FindAsync(idOrSlug, me, ct) is not { } g) return ApiResults.NotFound();
            var notice = await details.NoticeAsync(g, me, ct);
            return notice.ShowContent ? TypedResults.Ok(g) : details.Refusal(notice);
        }).WithSummary("One group, by id or by its address name (403 while a community jury reviews it, 410 once it removed it, except for its organizers)");

        api.MapGet("/{id:guid}/members", async Task<Results<Ok<Page<GroupMemberView>>, ProblemHttpResult>> (Guid id, int? page, int? pageSize, HttpContext http, GroupDetails details, CancellationToken ct) =>
        {
            var me = http.User.MemberId();
            if (await details.FindAsync(id.ToString(), me, ct) is not { } g) return ApiResults.NotFound();
            var notice = await details.NoticeAsync(g, me, ct);
            return notice.ShowContent ? TypedResults.Ok(await details.MembersAsync(id, page, pageSize, ct)) : details.Refusal(notice);
        }).WithSummary("The group's members, organizers first, as each chose to be shown");

        api.MapPost("/", async Task<Results<Created<GroupView>, ValidationProblem>> (GroupInput input, HttpContext http, Founding founding, GroupDetails details, CancellationToken ct) =>
        {
            var me = http.User.RequiredMemberId();
            var (group, outcome) = await founding.FoundAsync(me, input, ct);
            if (group is null) return TypedResults.ValidationProblem(outcome.Errors!.ToDictionary());
            var view = (await details.FindAsync(group!.Id.ToString(), me, ct))!;
            return TypedResults.Created($"/api/groups/{group.Id}", view);
        }).RequireAuthorization().WithSummary("Found a group, at once: you become its first organizer");

        api.MapPut("/{id:guid}", async Task<Results<Ok<GroupView>, ProblemHttpResult, ValidationProblem>> (Guid id, GroupInput input, HttpContext http, Editing editing, GroupDetails details, CancellationToken ct) =>
        {
            var me = http.User.RequiredMemberId();
            var outcome = await editing.EditAsync(http.User, id, input, ct);
            return outcome.Kind switch
            {
                OutcomeKind.Ok => TypedResults.Ok((await details.FindAsync(id.ToString(), me, ct))!),
                OutcomeKind.Invalid => ApiResults.Invalid(outcome.Errors!),
                OutcomeKind.Forbidden => outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
                _ => ApiResults.NotFound(),
            };
        }).RequireAuthorization().WithSummary("An organizer edits the group (its address stays the same)");

        api.MapPost("/{id:guid}/join", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Roster roster, CancellationToken ct) =>
            ApiResults.From(await roster.JoinAsync(id, http.User.RequiredMemberId(), ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Join the group (joining twice is harmless)");

        api.MapPost("/{id:guid}/leave", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] LeaveInput? input, HttpContext http, Roster roster, CancellationToken ct) =>
            ApiResults.From(await roster.LeaveAsync(id, http.User.RequiredMemberId(), input?.SuccessorId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Leave the group; the last organizer names a successor");

        api.MapPost("/{id:guid}/organizers", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, OrganizerInput input, HttpContext http, Roster roster, CancellationToken ct) =>
            ApiResults.From(await roster.AddOrganizerAsync(http.User, id, input.MemberId, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("An organizer makes a member an organizer");

        api.MapPost("/{id:guid}/messages", async Task<Results<Created<Messages.MessageSent>, ProblemHttpResult, ValidationProblem>> (Guid id, Messages.MessageInput input, HttpContext http, Messages.Sending sending, CancellationToken ct) =>
            Messages.MessagesApi.Sent(await sending.SendAsync(http.User, input with { GroupId = id, ProjectId = null, NeedId = null }, ct), http))
            .RequireAuthorization().WithSummary("An organizer emails every member (addresses stay private); the message is kept in the group's archive (as POST /api/messages)");

        app.MapGet("/api/me/groups", async Task<Ok<Page<MyGroup>>> (int? page, int? pageSize, HttpContext http, GroupDetails details, CancellationToken ct) =>
            TypedResults.Ok(await details.MineAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Me").WithSummary("The groups I belong to, with my role");

        return app;
    }
}
