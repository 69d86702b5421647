using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>Projects can be flagged; the organizers of the project's group see the flags, and its owners are its authors.</summary>
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
