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

/// <summary>
/// Projects can be flagged; the organizers of the project's group see the flags; its owners are its
/// authors. The state is stored on the project (see <see cref="ContentModeration"/> for what the
/// pages and the API must do with it).
/// </summary>
internal sealed class FlaggableProject(AppDbContext db, TimeProvider clock) : IFlaggableContent
{
    public string ContentType => "project";

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var p = await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Slug, p.GroupId }).SingleOrDefaultAsync(ct);
        if (p is null) return null;
        var owners = await db.ProjectOwners.Where(o => o.ProjectId == id).Select(o => o.MemberId).ToListAsync(ct);
        return new FlagTarget(id.ToString(), p.Title, "/projects/" + p.Slug, p.GroupId, owners);
    }

    public async Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct)
    {
        var projectId = Guid.Parse(id);
        DateTimeOffset? hiddenAt = state == ContentModeration.Visible ? null : clock.GetUtcNow();
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Moderation, state).SetProperty(p => p.HiddenAt, hiddenAt), ct);
    }
}
