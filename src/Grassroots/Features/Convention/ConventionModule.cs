namespace Grassroots.Features.Convention;

/// <summary>The People's Convention: assemblies, credentials, agenda, motions, ballots and their board. Everything the feature adds to the host is registered here.</summary>
public static class ConventionModule
{
    public static IHostApplicationBuilder AddConvention(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<Assemblies>()
            .AddScoped<Delegations>()
            .AddScoped<Motions>()
            .AddScoped<Voting>()
            .AddScoped<Platform.ConventionDecisions>()
            .AddScoped<Members.IAccountDeletionStep, LeavingConvention>()
            .AddScoped<Members.IPersonalData, ConventionPersonalData>()
            .AddSingleton<TurnoutBroadcast>()
            .AddHostedService(sp => sp.GetRequiredService<TurnoutBroadcast>())
            .AddHostedService<MotionCloser>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConvention(this IEndpointRouteBuilder app)
    {
        app.MapHub<TurnoutHub>(TurnoutHub.Path);
        return app.MapConventionApi();
    }
}
