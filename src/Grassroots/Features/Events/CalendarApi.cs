using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Events;

/// <summary>The .ics addresses: one event, a group's, a campaign's, a member's own (by its token); a group's upcoming events as JSON.</summary>
public static class CalendarApi
{
    private const string Ics = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{slug}/calendar.ics", async Task<Results<FileContentHttpResult, NotFound>> (string slug, HttpContext http, CalendarFeeds feeds, CancellationToken ct) =>
            File(await feeds.EventAsync(slug, http.User.MemberId(), ct), slug)).WithTags("Events").WithSummary("One event as iCalendar (the address and join link only for its hosts and people with a place)");

        app.MapGet("/groups/{slug}/events.ics", async Task<Results<FileContentHttpResult, NotFound>> (string slug, CalendarFeeds feeds, CancellationToken ct) =>
            File(await feeds.GroupAsync(slug, ct), slug)).WithTags("Events").WithSummary("A group's public events and those it co-hosts, as a subscribable calendar");

        app.MapGet("/api/groups/{idOrSlug}/events", async Task<Results<Ok<Page<EventListing>>, ProblemHttpResult>> (string idOrSlug, int? page, int? pageSize, HttpContext http, GroupEvents events, CancellationToken ct) =>
            await events.UpcomingAsync(idOrSlug, http.User.MemberId(), page, pageSize, ct) is { } list ? TypedResults.Ok(list) : ApiResults.NotFound())
            .WithTags("Events").WithSummary("A group's upcoming events, its own and those it co-hosts, soonest first (members-only ones to its members)");

        app.MapGet("/campaigns/{slug}/events.ics", async Task<Results<FileContentHttpResult, NotFound>> (string slug, CalendarFeeds feeds, CancellationToken ct) =>
            File(await feeds.CampaignAsync(slug, ct), slug)).WithTags("Events").WithSummary("A campaign's public events, as a subscribable calendar");

        app.MapGet("/me/events.ics", async Task<Results<FileContentHttpResult, NotFound>> (string? token, CalendarFeeds feeds, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            File(await feeds.MineAsync(token, l, ct), "my-events")).WithTags("Events").WithSummary("A member's own calendar (hosting, going, waiting), by the secret address on their events page");
        app.MapGet("/api/me/events", async (int? page, int? pageSize, HttpContext http, MyEvents mine, CancellationToken ct) =>
            TypedResults.Ok(await mine.ListAsync(http.User.RequiredMemberId(), page, pageSize, ct)))
            .RequireAuthorization().WithTags("Events").WithSummary("My events, soonest first: hosting, going, waiting");
        app.MapGet("/api/me/events/feed", async Task<Results<Ok<string>, NotFound>> (HttpContext http, CalendarFeeds feeds, CancellationToken ct) =>
            await feeds.MyFeedUrlAsync(http.User.RequiredMemberId(), ct) is { } url ? TypedResults.Ok(url) : TypedResults.NotFound())
            .RequireAuthorization().WithTags("Events").WithSummary("The private address of my calendar feed (changes with my password)");
        return app;
    }

    private static Results<FileContentHttpResult, NotFound> File(string? ics, string name) =>
        ics is null ? TypedResults.NotFound() : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), Ics, name + ".ics");
}
