using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>
/// Projects can be flagged; the organizers of the project's group see the flags; its owners are its
/// authors. The state is stored on the project: a project under review or removed is withheld from
/// everyone but its owners (and its jurors while under review) and frozen (<see cref="Project.RunBy"/>).
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
