namespace Grassroots.Features.Platform;

/// <summary>The People's Platform: documents, versions, amendments, facilitators. Everything the feature adds to the host is registered here.</summary>
public static class PlatformModule
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PlatformOptions>(builder.Configuration.GetSection(PlatformOptions.Section));
        builder.Services
            .AddScoped<Drafting>()
            .AddScoped<Amending>()
            .AddScoped<Facilitating>()
            .AddSingleton<MovementSize>()
            .AddSingleton<RenderedPlanks>()
            .AddScoped<Members.IAccountDeletionStep, LeavingPlatform>()
            .AddScoped<Members.IPersonalData, PlatformPersonalData>()
            .AddScoped<PlatformModeration>()
            .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoPlatform>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableDocument>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableAmendment>()
            .AddScoped<Moderation.IFlaggableContent, FlaggableAmendmentComment>()
            .AddPlatformPolicies();
        return builder;
    }

    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder app) => app.MapPlatformApi();
}
