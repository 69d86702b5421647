using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Moderation;

public sealed record ExportedFlag(string ContentType, string ContentId, string Value, string Reason, DateTimeOffset CreatedAt);

/// <summary>Moderation's part of a member's data export: the flags they raised.</summary>
internal sealed class ModerationPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking().Where(f => f.ReporterId == memberId).OrderBy(f => f.CreatedAt)
            .Select(f => new ExportedFlag(f.ContentType, f.ContentId, f.Value, f.Reason, f.CreatedAt)).ToListAsync(ct);
        return [("flagsRaised", flags)];
    }
}
