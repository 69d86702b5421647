using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events.Pages;

/// <summary>The groups a member organizes, by name: what "host it as", "run it for" and "add a co-hosting group" offer.</summary>
public static class OrganizedGroups
{
    public const int Max = 100;

    public static async Task<IReadOnlyList<(Guid Id, string Name)>> ListAsync(AppDbContext db, Guid me, CancellationToken ct) =>
        (await db.Groups.AsNoTracking().Where(GroupPolicies.OrganizedBy(db.Memberships, me)).OrderBy(g => g.Name).Take(Max)
            .Select(g => new { g.Id, g.Name }).ToListAsync(ct)).Select(g => (g.Id, g.Name)).ToList();
}
