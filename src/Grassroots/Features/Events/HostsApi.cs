using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Events;

public sealed record CohostInvite(Guid MemberId);
public sealed record ExportPermission(bool Granted);

/// <summary>The hosts' side: co-hosts and co-hosting groups, messages to the people coming, the granted CSV export.</summary>
public static class HostsApi
{
    public static IEndpointRouteBuilder MapHostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events/{id:guid}").WithTags("Event hosts").RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/hosts", async Task<Results<Ok<EventHostsView>, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Cohosting hosts, CancellationToken ct) =>
        {
            var (view, outcome) = await hosts.ReadAsync(http.User, id, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(view!));
        }).WithSummary("The host, co-hosts (invited or accepted) and co-hosting groups (hosts only)");

        api.MapPost("/cohosts", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, CohostInvite input, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.InviteAsync(http.User, id, input.MemberId, ct), TypedResults.NoContent))
            .WithSummary("Ask someone coming (or a member of the event's group) to co-host; they get a host's tools once they accept");
        api.MapPost("/cohosts/me/accept", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.AnswerAsync(http.User, id, accept: true, ct), TypedResults.NoContent)).WithSummary("Accept an invitation to co-host");
        api.MapPost("/cohosts/me/decline", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.AnswerAsync(http.User, id, accept: false, ct), TypedResults.NoContent)).WithSummary("Decline an invitation to co-host");
        api.MapDelete("/cohosts/{memberId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid memberId, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.RemoveAsync(http.User, id, memberId, ct), TypedResults.NoContent))
            .WithSummary("Remove a co-host (any host), or step down (the co-host): their access ends at once");

        api.MapPut("/groups/{groupId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid groupId, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.SetGroupAsync(http.User, id, groupId, cohost: true, ct), TypedResults.NoContent))
            .WithSummary("A group co-hosts the event (by a host who organizes that group)");
        api.MapDelete("/groups/{groupId:guid}", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, Guid groupId, HttpContext http, Cohosting hosts, CancellationToken ct) =>
            ApiResults.From(await hosts.SetGroupAsync(http.User, id, groupId, cohost: false, ct), TypedResults.NoContent))
            .WithSummary("The group no longer co-hosts (a host, or an organizer of that group)");

        api.MapPost("/messages", async Task<Results<Created<EventMessageView>, ProblemHttpResult, ValidationProblem>> (Guid id, EventMessageInput input, HttpContext http, HostMessages messages, CancellationToken ct) =>
        {
            var (message, outcome) = await messages.SendAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Created($"/api/events/{id}/messages", message!));
        }).WithSummary("Write to the people coming (and, with toWaitlist, those waiting): mailed through the platform, addresses stay hidden");
        api.MapGet("/messages", async Task<Results<Ok<Page<EventMessageView>>, ProblemHttpResult, ValidationProblem>> (Guid id, int? page, int? pageSize, HttpContext http, HostMessages messages, CancellationToken ct) =>
        {
            var (list, outcome) = await messages.ListAsync(http.User, id, page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(list!));
        }).WithSummary("The hosts' messages, newest first");

        api.MapPut("/export-permission", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, ExportPermission input, HttpContext http, AttendeeExport export, CancellationToken ct) =>
            ApiResults.From(await export.GrantAsync(http.User, id, input.Granted, ct), TypedResults.NoContent))
            .WithSummary("Let the hosts download the attendee list, or stop them (organizers of the event's group; audit-logged)");
        api.MapGet("/attendees.csv", AttendeesCsvAsync)
            .WithSummary("The attendee list with emails as CSV, once the group's organizers allowed it (every download audit-logged)");
        // The same file for the hosts' page: a link the browser follows with the sign-in cookie, which /api does not read.
        app.MapGet("/events/{id:guid}/attendees.csv", AttendeesCsvAsync).RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> AttendeesCsvAsync(Guid id, HttpContext http, AttendeeExport export, CancellationToken ct)
    {
        var (csv, outcome) = await export.CsvAsync(http.User, id, ct);
        return ApiResults.From(outcome, () => TypedResults.File(csv!, "text/csv; charset=utf-8", "attendees.csv"));
    }
}
