namespace Grassroots.Features.Candidates;

/// <summary>Candidates: offices, filing windows, nominations, questionnaires, endorsement votes, the pipeline. Everything the feature adds to the host is registered here.</summary>
public static class CandidatesModule
{
    public static IHostApplicationBuilder AddCandidates(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CandidatesOptions>(builder.Configuration.GetSection(CandidatesOptions.Section));
        builder.Services
            .AddScoped<Stewards>()
            .AddScoped<Offices>()
            .AddScoped<Nominating>()
            .AddScoped<Questionnaires>()
            .AddScoped<Endorsing>()
            .AddScoped<Progressing>()
            .AddScoped<Residences>()
            .AddScoped<CandidatesReports>()
            .AddScoped<FilingReminding>()
            .AddScoped<Convention.IMotionDecided, EndorsementResults>()
            .AddScoped<Members.IAccountDeletionStep, LeavingCandidates>()
            .AddScoped<Members.IPersonalData, CandidatesPersonalData>()
            .AddScoped<Infrastructure.Data.IDemoSeedStep, DemoCandidates>()
            .AddHostedService<FilingReminders>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCandidates(this IEndpointRouteBuilder app) => app.MapCandidatesApi();
}
