using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Events;

/// <summary>What an RSVP answers: the RSVP, and for a new one the link that cancels it without signing in.</summary>
public sealed record RsvpAnswer(RsvpView Rsvp, string? CancelUrl);

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapPost("/", async Task<Results<Created<EventView>, ProblemHttpResult, ValidationProblem>> (EventInput input, HttpContext http, Hosting hosting, EventDetails details, CancellationToken ct) =>
        {
            var (e, outcome) = await hosting.CreateAsync(http.User, input, ct);
            if (e is null) return outcome.Kind switch
            {
                OutcomeKind.NotFound => ApiResults.NotFound(),
                OutcomeKind.Forbidden => outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
                _ => ApiResults.Invalid(outcome.Errors!),
            };
            return TypedResults.Created($"/api/events/{e.Id}", (await details.ReadAsync(e.Id.ToString(), http.User, ct))!);
        }).RequireAuthorization().WithSummary("Create an event (for yourself, or for a group you organize): no approval");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<EventView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, EventDetails details, CancellationToken ct) =>
            await details.ReadAsync(idOrSlug, http.User, ct) is { } e ? TypedResults.Ok(e) : ApiResults.NotFound())
            .WithSummary("One event with its attendance counts (the address and join link only for its host and people with a seat)");

        api.MapPost("/{id:guid}/rsvps", async Task<Results<Created<RsvpAnswer>, Ok<RsvpAnswer>, ProblemHttpResult, ValidationProblem>> (
            Guid id, RsvpInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Rsvping rsvping, SiteLinks links, CancellationToken ct) =>
        {
            var result = await rsvping.RsvpAsync(http.User, id, input, key, ct);
            if (result.Rsvp is not { } rsvp)
                return result.Outcome.Kind switch
                {
                    OutcomeKind.NotFound => ApiResults.NotFound(),
                    OutcomeKind.Forbidden => result.Outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
                    _ => ApiResults.Invalid(result.Outcome.Errors!),
                };
            var cancel = result.CancelToken is { } t ? links.To($"/events/{id}/rsvps/{rsvp.Id}/cancel?token={t}") : null;
            return result.Replayed ? TypedResults.Ok(new RsvpAnswer(rsvp, null)) : TypedResults.Created($"/api/events/{id}/rsvps/{rsvp.Id}", new RsvpAnswer(rsvp, cancel));
        }).WithSummary("RSVP, signed in or as a guest (name, email, ZIP): a seat, or the waitlist once full; idempotent with an Idempotency-Key");

        api.MapPost("/{id:guid}/rsvps/{rsvpId:guid}/cancel", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (
            Guid id, Guid rsvpId, string? token, HttpContext http, Rsvping rsvping, CancellationToken ct) =>
            ApiResults.From((await rsvping.CancelAsync(http.User, id, rsvpId, token, ct)).Outcome, TypedResults.NoContent))
            .WithSummary("Cancel an RSVP (yours, or with the token of its cancel link); the first people waiting who fit get the seats");

        api.MapPut("/{id:guid}", async Task<Results<Ok<EventView>, ProblemHttpResult, ValidationProblem>> (Guid id, EventInput input, HttpContext http, Hosting hosting, EventDetails details, CancellationToken ct) =>
        {
            var outcome = await hosting.UpdateAsync(http.User, id, input, ct);
            var changed = outcome.Kind == OutcomeKind.Ok ? await details.ReadAsync(id.ToString(), http.User, ct) : null;
            return ApiResults.From(outcome, () => TypedResults.Ok(changed!));
        }).RequireAuthorization().WithSummary("Change an event (its hosts): people with a place are mailed the change with the updated .ics; a raised capacity lets the waitlist in");

        api.MapPost("/{id:guid}/cancel", async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> (Guid id, HttpContext http, Hosting hosting, CancellationToken ct) =>
            ApiResults.From(await hosting.CancelAsync(http.User, id, ct), TypedResults.NoContent))
            .RequireAuthorization().WithSummary("Call an event off (its hosts): everyone with a place or waiting is mailed, with the .ics that removes it");
        return app;
    }
}
