using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>The permission machine: projects anyone launches, needs the crowd fills.</summary>
public static class ProjectsModule
{
    public static IHostApplicationBuilder AddProjects(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ProjectsOptions>(builder.Configuration.GetSection(ProjectsOptions.Section));
        builder.Services
            .AddScoped<Launching>()
            .AddScoped<Pledging>()
            .AddScoped<ProjectDetails>()
            .AddScoped<Similarity>()
            .AddScoped<Matching>()
            .AddScoped<Following>()
            .AddScoped<Merging>()
            .AddScoped<Helpers>()
            .AddScoped<MyProjects>()
            .AddHostedService<DigestSender>()
            .AddScoped<IFlaggableContent, FlaggableProject>()
            .AddScoped<Members.IAccountDeletionStep, LeavingProjects>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app) => app.MapProjectsApi();
}

/// <summary>Projects can be flagged; the organizers of the project's group see the flags.</summary>
internal sealed class FlaggableProject(AppDbContext db, TimeProvider clock) : IFlaggableContent
{
    public string ContentType => "project";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var p = await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Slug, p.GroupId }).SingleOrDefaultAsync(ct);
        if (p is null) return null;
        var owners = await db.ProjectOwners.Where(o => o.ProjectId == id).Select(o => o.MemberId).ToListAsync(ct);
        return new FlagTarget(p.Title, "/projects/" + p.Slug, p.GroupId, owners);
    }

    public async Task SetHiddenAsync(string contentId, bool hidden, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return;
        DateTimeOffset? at = hidden ? clock.GetUtcNow() : null;
        await db.Projects.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.HiddenAt, at), ct);
    }
}
