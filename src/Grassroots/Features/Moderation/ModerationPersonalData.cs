using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Moderation;

public sealed record ExportedFlag(string ContentType, string ContentId, string Value, string Reason, DateTimeOffset CreatedAt);
public sealed record ExportedJurySeat(Guid CaseId, string ContentTitle, int Round, DateTimeOffset DrawnAt, string? Vote, string? Reason, DateTimeOffset? VotedAt);

/// <summary>Moderation's part of a member's data export: the flags they raised and the juries they sat on (with their votes).</summary>
internal sealed class ModerationPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking().Where(f => f.ReporterId == memberId).OrderBy(f => f.CreatedAt)
            .Select(f => new ExportedFlag(f.ContentType, f.ContentId, f.Value, f.Reason, f.CreatedAt)).ToListAsync(ct);
        var seats = await db.Jurors.AsNoTracking().Where(j => j.MemberId == memberId).OrderBy(j => j.DrawnAt)
            .Join(db.ModerationCases, j => j.CaseId, c => c.Id, (j, c) => new ExportedJurySeat(c.Id, c.ContentTitle, j.Round, j.DrawnAt,
                j.Vote == null ? null : j.Vote.ToString(), j.Reason, j.VotedAt)).ToListAsync(ct);
        return [("flagsRaised", flags), ("jurySeats", seats)];
    }
}
