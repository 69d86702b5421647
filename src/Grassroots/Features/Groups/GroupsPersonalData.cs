using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

public sealed record ExportedMembership(Guid GroupId, string GroupName, string Role, DateTimeOffset JoinedAt);

/// <summary>Groups' part of a member's data export: their memberships.</summary>
internal sealed class GroupsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt)
            .Select(m => new ExportedMembership(m.GroupId, m.Group!.Name, m.Role.ToString(), m.JoinedAt)).ToListAsync(ct);
        return [("memberships", memberships)]; // the messages they sent are Conversations' part
    }
}
