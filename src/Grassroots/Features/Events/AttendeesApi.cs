using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Events;

/// <summary>What a check-in, an undo or a walk-in answers: the person now, and the door's numbers.</summary>
public sealed record CheckInAnswer(AttendeeView Attendee, CheckInCounts Counts);

/// <summary>The hosts' side of an event at the door: the attendee list, check-in, walk-ins and the turnout report.</summary>
public static class AttendeesApi
{
    public static IEndpointRouteBuilder MapAttendeesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events/{id:guid}").WithTags("Events: check-in").RequireAuthorization().RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapGet("/attendees", async Task<Results<Ok<AttendeeList>, ProblemHttpResult, ValidationProblem>> (
            Guid id, string? q, string? status, int? page, int? pageSize, HttpContext http, Attendees attendees, CancellationToken ct) =>
        {
            var (outcome, list) = await attendees.ListAsync(http.User, id, q, status, page, pageSize, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(list));
        }).WithSummary("The people with a seat, the waitlist and the walk-ins, for the event's hosts: names and what check-in needs (no emails); search by name, paged");

        api.MapPost("/attendees/{rsvpId:guid}/checkin", async Task<Results<Ok<CheckInAnswer>, ProblemHttpResult, ValidationProblem>> (
            Guid id, Guid rsvpId, HttpContext http, CheckIn door, CancellationToken ct) =>
            Answer(await door.CheckInAsync(http.User, id, rsvpId, ct)))
            .WithSummary("Check in a person with a seat (hosts; from an hour before the start to six hours after the end); twice keeps the first time");

        api.MapDelete("/attendees/{rsvpId:guid}/checkin", async Task<Results<Ok<CheckInAnswer>, ProblemHttpResult, ValidationProblem>> (
            Guid id, Guid rsvpId, HttpContext http, CheckIn door, CancellationToken ct) =>
            Answer(await door.UndoAsync(http.User, id, rsvpId, ct)))
            .WithSummary("Undo a mistaken check-in; for a walk-in, remove them");

        api.MapPost("/walkins", async Task<Results<Created<CheckInAnswer>, Ok<CheckInAnswer>, ProblemHttpResult, ValidationProblem>> (
            Guid id, WalkInInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, CheckIn door, CancellationToken ct) =>
        {
            var result = await door.AddWalkInAsync(http.User, id, input, key, ct);
            if (result.Outcome.Kind != OutcomeKind.Ok) return Failure(result.Outcome);
            var answer = new CheckInAnswer(result.Attendee!, result.Counts!);
            return result.Replayed ? TypedResults.Ok(answer) : TypedResults.Created($"/api/events/{id}/attendees?q={Uri.EscapeDataString(answer.Attendee.Name)}", answer);
        }).WithSummary("Add someone who came without an RSVP, checked in at once and counted apart from the seats; idempotent with an Idempotency-Key");

        api.MapGet("/report", async Task<Results<Ok<TurnoutView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, HttpContext http, TurnoutReports reports, CancellationToken ct) =>
        {
            var (outcome, report) = await reports.ReadAsync(http.User, id, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(report));
        }).WithSummary("The hosts' turnout report and follow-ups, with the count at the door");

        api.MapPost("/report", async Task<Results<Ok<TurnoutView>, ProblemHttpResult, ValidationProblem>> (
            Guid id, TurnoutInput input, HttpContext http, TurnoutReports reports, CancellationToken ct) =>
        {
            var (outcome, report) = await reports.ReportAsync(http.User, id, input, ct);
            return ApiResults.From(outcome, () => TypedResults.Ok(report));
        }).WithSummary("Report how many came (empty: the count at the door) and the follow-ups (Markdown), once the event has started");

        app.MapHub<CheckInHub>(CheckInHub.Path);
        return app;
    }

    private static Results<Ok<CheckInAnswer>, ProblemHttpResult, ValidationProblem> Answer(CheckInResult result) =>
        ApiResults.From(result.Outcome, () => TypedResults.Ok(new CheckInAnswer(result.Attendee!, result.Counts!)));

    private static Results<Created<CheckInAnswer>, Ok<CheckInAnswer>, ProblemHttpResult, ValidationProblem> Failure(Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.NotFound => ApiResults.NotFound(),
        OutcomeKind.Forbidden => outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
        _ => ApiResults.Invalid(outcome.Errors!),
    };
}
