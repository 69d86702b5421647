using System.Text.Json.Serialization;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Members;

public sealed record ExportedAccess(DateTimeOffset At, string Action, bool ByMe);

/// <summary>Everything Grassroots holds about a member, as they can download it: their profile, who touched their data, and each feature's part.</summary>
public sealed record MemberDataExport(DateTimeOffset ExportedAt, ProfileView Profile, IReadOnlyList<ExportedAccess> AccessLog)
{
    /// <summary>Each feature's part under its own names ("memberships", "pledges", …), at the top level of the JSON.</summary>
    [JsonExtensionData] public Dictionary<string, object> Parts { get; init; } = [];
}

/// <summary>
/// A feature's part of a member's data export (groups: memberships and messages; projects: what they
/// own and pledged; moderation: the flags they raised). Features register one each, so the export
/// never reads another feature's tables.
/// </summary>
public interface IPersonalData
{
    /// <summary>Named parts, e.g. ("pledges", list): the names become JSON properties.</summary>
    Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct);
}

public sealed class DataExport(AppDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IPersonalData> features)
{
    public async Task<MemberDataExport?> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.DeletedAt == null, ct);
        if (member is null) return null;
        // Who did what with this member's data: the audit entries about them (the last 1,000).
        var key = memberId.ToString();
        var access = await db.AuditLog.AsNoTracking().Where(a => a.SubjectType == "member" && a.SubjectId == key)
            .OrderByDescending(a => a.At).Take(1000).Select(a => new ExportedAccess(a.At, a.Action, a.ActorId == memberId)).ToListAsync(ct);
        var export = new MemberDataExport(clock.GetUtcNow(), ProfileView.Of(member), access);
        foreach (var feature in features)
            foreach (var (name, data) in await feature.ExportAsync(memberId, ct))
                export.Parts[name] = data;
        audit.Record(memberId, "member.export", "member", memberId);
        await db.SaveChangesAsync(ct);
        return export;
    }
}
