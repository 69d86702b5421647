using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

public sealed record ExportedMembership(Guid GroupId, string GroupName, string Role, DateTimeOffset JoinedAt);
public sealed record ExportedMessage(Guid GroupId, string Subject, string Body, DateTimeOffset SentAt, int Recipients);

/// <summary>Groups' part of a member's data export: their memberships and the messages they sent as an organizer.</summary>
internal sealed class GroupsPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt)
            .Select(m => new ExportedMembership(m.GroupId, m.Group!.Name, m.Role.ToString(), m.JoinedAt)).ToListAsync(ct);
        var messages = await db.GroupMessages.AsNoTracking().Where(m => m.SenderId == memberId).OrderBy(m => m.SentAt)
            .Select(m => new ExportedMessage(m.GroupId, m.Subject, m.Body, m.SentAt, m.Recipients)).ToListAsync(ct);
        return [("memberships", memberships), ("messagesSent", messages)];
    }
}
