using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Events;

public static class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireRateLimiting(ServiceDefaults.WriteLimit);

        api.MapPost("/", async Task<Results<Created<CampaignView>, ProblemHttpResult, ValidationProblem>> (CampaignInput input, HttpContext http, Campaigns campaigns, CancellationToken ct) =>
        {
            var (c, outcome) = await campaigns.CreateAsync(http.User, input, ct);
            if (c is null) return outcome.Kind switch
            {
                OutcomeKind.NotFound => ApiResults.NotFound(),
                OutcomeKind.Forbidden => outcome.Detail is { } why ? ApiResults.Forbidden(why) : ApiResults.Forbidden(),
                _ => ApiResults.Invalid(outcome.Errors!),
            };
            return TypedResults.Created($"/api/campaigns/{c.Id}", (await campaigns.ReadAsync(c.Id.ToString(), http.User.MemberId(), ct))!);
        }).RequireAuthorization().WithSummary("Start a distributed campaign (for yourself, or for a group you organize): its days and the template hosts start from");

        api.MapGet("/", async (int? page, int? pageSize, Campaigns campaigns, CancellationToken ct) => TypedResults.Ok(await campaigns.CurrentAsync(page, pageSize, ct)))
            .WithSummary("Campaigns running or to come, soonest first");

        api.MapGet("/{idOrSlug}", async Task<Results<Ok<CampaignView>, ProblemHttpResult>> (string idOrSlug, HttpContext http, Campaigns campaigns, CancellationToken ct) =>
            await campaigns.ReadWithNoticeAsync(idOrSlug, http.User.MemberId(), ct) switch
            {
                ({ } c, _, _) => TypedResults.Ok(c),
                (null, { State: not Moderation.ContentModeration.Visible } notice, _) => campaigns.Refusal(notice),
                _ => ApiResults.NotFound(),
            })
            .WithSummary("One campaign with its live totals: events, people coming and waiting, states covered");

        api.MapGet("/{idOrSlug}/events", async Task<Results<Ok<Page<EventListing>>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, Campaigns campaigns, CancellationToken ct) =>
            await campaigns.EventsAsync(idOrSlug, page, pageSize, ct) is { } events ? TypedResults.Ok(events) : ApiResults.NotFound())
            .WithSummary("A campaign's public events, soonest first");
        return app;
    }
}
