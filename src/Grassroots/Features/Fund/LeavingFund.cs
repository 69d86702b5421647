using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>
/// A donor who deletes their account: their gifts stay, with the name and address they gave. The law makes the fund
/// keep contribution records (the FEC: three years after the report that lists them), and the books must balance.
/// They stop being reachable: the gift is no longer linked to anything they can sign in to. Their monthly gifts stop:
/// nobody is charged after they leave.
/// </summary>
internal sealed class LeavingFund(Monthly.MonthlyGifts monthly) : IAccountDeletionStep
{
    public Task MemberLeavingAsync(Guid memberId, CancellationToken ct) => monthly.StopAllAsync(memberId, ct);
}

/// <summary>What the fund holds about a member, for their data export: their gifts, with what they gave as donor data.</summary>
internal sealed class FundPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var gifts = await db.Gifts.AsNoTracking().Where(g => g.DonorId == memberId).OrderBy(g => g.CreatedAt)
            .Select(g => new { g.Id, g.CreatedAt, g.Cents, g.RefundedCents, status = g.Status.ToString(), g.DonorName, g.Street, g.City, g.State, g.Zip, g.Employer, g.Occupation, g.CardLast4,
                splits = g.Splits.Select(s => new { s.Account, s.Cents, s.RefundedCents }).ToList() })
            .ToListAsync(ct);
        var monthly = await db.MonthlyGifts.AsNoTracking().Where(m => m.DonorId == memberId).OrderBy(m => m.StartedAt)
            .Select(m => new { m.Id, m.StartedAt, m.Cents, status = m.Status.ToString(), m.TimeZone, m.EndedAt, m.CardLast4, splits = m.Splits.Select(s => new { s.Account, s.Cents }).ToList() })
            .ToListAsync(ct);
        return [("gifts", gifts), ("monthly_gifts", monthly)];
    }
}
