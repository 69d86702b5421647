using Grassroots.Features.Groups;
using Grassroots.Features.Members;

namespace Grassroots.Features.Conversations;

/// <summary>
/// Messages with an archive, private reply threads (on the site and through the mail relay) and group invite
/// links. Everything the feature adds to the host is registered here.
/// </summary>
public static class ConversationsModule
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConversationsOptions>(builder.Configuration.GetSection(ConversationsOptions.Section));
        builder.Services.Configure<RelayOptions>(builder.Configuration.GetSection(RelayOptions.Section));
        builder.Services
            .AddScoped<Sending>()
            .AddScoped<Reading>()
            .AddScoped<Replying>()
            .AddScoped<RelayInbox>()
            .AddScoped<Invites>()
            .AddSingleton<RelayAddresses>()
            .AddScoped<IGroupPageSection, GroupConversationsSection>()
            .AddScoped<IPersonalData, ConversationsPersonalData>()
            .AddHostedService<RelayListener>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app) => app.MapConversationsApi();
}
