namespace Grassroots.Features.Conversations;

/// <summary>Deliberation: conversations, statements, votes and the opinion map. Everything the feature adds to the host is registered here.</summary>
public static class ConversationsModule
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConversationsOptions>(builder.Configuration.GetSection(ConversationsOptions.Section));
        builder.Services
            .AddScoped<Deliberating>()
            .AddScoped<OpinionMaps>()
            .AddScoped<PolisImport>()
            .AddSingleton<OpinionRecompute>()
            .AddHostedService(sp => sp.GetRequiredService<OpinionRecompute>())
            .AddHostedService<ImportSweeper>()
            .AddScoped<Members.IAccountDeletionStep, LeavingConversations>()
            .AddScoped<Members.IPersonalData, ConversationsPersonalData>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableConversation>()
            .AddScoped<ConversationModeration>()
            .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoConversation>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app) => app.MapConversationsApi();
}
