using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;

namespace Grassroots.Features.Projects;

/// <summary>
/// The permission machine: projects anyone launches, needs the crowd fills. Everything the feature
/// adds to the host is registered here: its use cases and policies (its validators are found by the assembly scan), and what it plugs
/// into other features (moderation, account deletion, the data export, group pages, the demo).
/// </summary>
public static class ProjectsModule
{
    public static IHostApplicationBuilder AddProjects(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ProjectsOptions>(builder.Configuration.GetSection(ProjectsOptions.Section));
        builder.Services.AddProjectPolicies();
        builder.Services
            .AddScoped<Launching>()
            .AddScoped<ProjectText>()
            .AddScoped<Editing>()
            .AddScoped<NeedChanges>()
            .AddScoped<Ownership>()
            .AddScoped<Pledging>()
            .AddScoped<Answering>()
            .AddScoped<ProjectDetails>()
            .AddScoped<ProjectDirectory>()
            .AddScoped<ProjectPage>()
            .AddScoped<Similarity>()
            .AddScoped<Matching>()
            .AddScoped<Following>()
            .AddScoped<Merging>()
            .AddScoped<CombiningNeeds>()
            .AddScoped<Helpers>()
            .AddScoped<MyProjects>()
            .AddScoped<GroupAffiliation>()
            .AddHostedService<DigestSender>()
            .AddScoped<IFlaggableContent, FlaggableProject>()
            .AddScoped<IAccountDeletionStep, LeavingProjects>()
            .AddScoped<IPersonalData, ProjectsPersonalData>()
            .AddScoped<IGroupPageSection, GroupProjectsSection>()
            .AddScoped<Home.IHomeSection, MyProjectsSection>()
            .AddScoped<IDemoSeedStep, DemoProjects>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app) => app.MapProjectsApi();
}
