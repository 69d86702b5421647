using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Events;

/// <summary>Finding events: the list near a ZIP (or everywhere) and the clustered map data, for the pages, partners and the embed.</summary>
public static class EventSearchApi
{
    /// <summary>Map answers may be reused briefly by browsers and proxies: the same viewport asked again while panning back and forth.</summary>
    public const int MapMaxAgeSeconds = 30;

    public static IEndpointRouteBuilder MapEventSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");

        api.MapGet("/", async Task<Results<Ok<Page<EventSummary>>, ValidationProblem>> ([AsParameters] EventQuery query, EventSearch search, CancellationToken ct) =>
        {
            var (page, errors) = await search.SearchAsync(query, ct);
            return page is null ? ApiResults.Invalid(errors) : TypedResults.Ok(page);
        }).WithSummary($"Find upcoming public events: near a ZIP (miles, default {EventSearch.DefaultMiles}, at most {EventSearch.MaxMiles}), days (from/to, YYYY-MM-DD at each event's own clock), kind, words (q), campaign (id or slug), online (include/exclude/only), sort (time or distance); paged, the first {EventSearch.MaxListed} matches counted and listed");

        api.MapGet("/map", async Task<Results<Ok<MapData>, ValidationProblem>> ([AsParameters] MapQuery view, [AsParameters] EventQuery filters, EventMap map, HttpContext http, CancellationToken ct) =>
        {
            var (data, errors) = await map.ReadAsync(view, filters, ct);
            if (data is null) return ApiResults.Invalid(errors);
            http.Response.Headers.CacheControl = $"public, max-age={MapMaxAgeSeconds}";
            return TypedResults.Ok(data);
        }).WithSummary($"The events in a map viewport (south, west, north, east, zoom; the list's filters): counted in grid clusters, or one by one when at most {EventMap.MaxPoints} are in view");

        return app;
    }
}
