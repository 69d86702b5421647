namespace Grassroots.Features.Events;

/// <summary>Events: house parties to conventions, RSVPs with a waitlist. Everything the feature adds to the host is registered here.</summary>
public static class EventsModule
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<Hosting>()
            .AddScoped<Rsvping>()
            .AddScoped<EventDetails>()
            .AddScoped<EventSearch>()
            .AddScoped<EventMap>()
            .AddEventPolicies();
        builder.Services.Configure<EventMapOptions>(builder.Configuration.GetSection(EventMapOptions.Section));
        return builder;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app) => app.MapEventsApi().MapEventSearchApi();
}
