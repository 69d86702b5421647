using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

public sealed record ExportedProject(Guid ProjectId, string Title, DateTimeOffset OwnerSince);
public sealed record ExportedPledge(Guid ProjectId, string ProjectTitle, string Need, long Amount, string? Note, string Status, DateTimeOffset CreatedAt);
public sealed record ExportedFollow(Guid ProjectId, string ProjectTitle, DateTimeOffset FollowedAt);

/// <summary>Projects' part of a member's data export: what they own, follow and pledged.</summary>
internal sealed class ProjectsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var owned = await db.ProjectOwners.AsNoTracking().Where(o => o.MemberId == memberId).OrderBy(o => o.AddedAt)
            .Join(db.Projects, o => o.ProjectId, p => p.Id, (o, p) => new ExportedProject(p.Id, p.Title, o.AddedAt)).ToListAsync(ct);
        var following = await db.ProjectFollowers.AsNoTracking().Where(f => f.MemberId == memberId).OrderBy(f => f.FollowedAt)
            .Join(db.Projects, f => f.ProjectId, p => p.Id, (f, p) => new ExportedFollow(p.Id, p.Title, f.FollowedAt)).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.MemberId == memberId).OrderBy(p => p.CreatedAt)
            .Join(db.Projects, x => x.ProjectId, p => p.Id, (x, p) => new ExportedPledge(p.Id, p.Title, x.Need!.Title, x.Amount, x.Note, x.Status.ToString(), x.CreatedAt))
            .ToListAsync(ct);
        return [("projectsOwned", owned), ("following", following), ("pledges", pledges)];
    }
}
