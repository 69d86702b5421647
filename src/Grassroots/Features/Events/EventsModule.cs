namespace Grassroots.Features.Events;

/// <summary>Events: house parties to conventions, RSVPs with a waitlist. Everything the feature adds to the host is registered here.</summary>
public static class EventsModule
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<EventMapOptions>(builder.Configuration.GetSection(EventMapOptions.Section));
        builder.Services.Configure<EventReminderOptions>(builder.Configuration.GetSection(EventReminderOptions.Section));
        builder.Services
            .AddScoped<Reminding>()
            .AddHostedService<ReminderSender>()
            .AddScoped<Hosting>()
            .AddScoped<Rsvping>()
            .AddScoped<EventDetails>()
            .AddScoped<EventMail>()
            .AddScoped<CalendarFeeds>()
            .AddScoped<Campaigns>()
            .AddScoped<MyEvents>()
            .AddScoped<GroupEvents>()
            .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoEvents>()
            .AddScoped<Home.IHomeSection, MyEventsSection>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableEvent>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableCampaign>()
            .AddScoped<Groups.IGroupPageSection, GroupEventsSection>()
            .AddScoped<Attendees>()
            .AddScoped<CheckIn>()
            .AddScoped<CheckInBroadcast>()
            .AddScoped<TurnoutReports>()
            .AddScoped<Cohosting>()
            .AddScoped<HostMessages>()
            .AddScoped<AttendeeExport>()
            .AddScoped<Members.IAccountDeletionStep, LeavingEvents>()
            .AddScoped<Members.IPersonalData, EventsPersonalData>()
            .AddScoped<Members.IEmailConfirmedStep, GuestRsvps>()
            .AddSingleton<RsvpLinks>()
            .AddScoped<EventSearch>()
            .AddScoped<EventMap>()
            .AddSingleton<EventMapCounts>()
            .AddEventPolicies()
            .AddSignalR();
        return builder;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app) =>
        app.MapEventsApi().MapEventSearchApi().MapCalendarApi().MapCampaignsApi().MapAttendeesApi().MapHostsApi();
}
