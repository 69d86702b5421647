using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Events;

/// <summary>What a member's RSVP answers: the RSVP (new, or found again under its Idempotency-Key).</summary>
public sealed record RsvpAnswer(RsvpView Rsvp);

/// <summary>
/// What a guest's RSVP answers, whatever happened: the details (place or waitlist, the address, the cancel
/// link) go to the mailbox. An answer that said more would tell anyone who typed an address whether its
/// owner is going.
/// </summary>
public sealed record RsvpMailed(string Detail);

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
            await details.ReadWithNoticeAsync(idOrSlug, http.User, ct) switch
            {
                ({ } e, _, _) => TypedResults.Ok(e),
                (null, { State: not Moderation.ContentModeration.Visible } notice, _) => details.Refusal(notice),
                _ => ApiResults.NotFound(),
            })
            .WithSummary("One event with its attendance counts (the address and join link only for its host and people with a seat)");

        api.MapPost("/{id:guid}/rsvps", async Task<Results<Created<RsvpAnswer>, Ok<RsvpAnswer>, Accepted<RsvpMailed>, ProblemHttpResult, ValidationProblem>> (
            Guid id, RsvpInput input, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Rsvping rsvping,
            Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var result = await rsvping.RsvpAsync(http.User, id, input, key, ct);
            if (result.Outcome.Kind == OutcomeKind.Ok && http.User.MemberId() is null)
                return TypedResults.Accepted((string?)null, new RsvpMailed(l["Check your email: your RSVP, with the link to cancel it, is on its way."]));
            if (result.Rsvp is not { } rsvp)
                return result.Outcome.Kind switch
                {
                    OutcomeKind.NotFound => ApiResults.NotFound(),
                    OutcomeKind.Forbidden => result.Outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
                    _ => ApiResults.Invalid(result.Outcome.Errors!),
                };
            return result.Replayed ? TypedResults.Ok(new RsvpAnswer(rsvp)) : TypedResults.Created($"/api/events/{id}/rsvps/{rsvp.Id}", new RsvpAnswer(rsvp));
        }).WithSummary("RSVP, signed in (201 with the RSVP) or as a guest (name, email, ZIP: 202, the details are mailed): a seat, or the waitlist once full; idempotent with an Idempotency-Key");

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
