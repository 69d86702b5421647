using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Fund;

/// <summary>
/// A donor who deletes their account: their gifts stay, with the name and address they gave. The law makes the fund
/// keep contribution records (the FEC: three years after the report that lists them), and the books must balance.
/// They stop being reachable: the gift is no longer linked to anything they can sign in to.
/// </summary>
internal sealed class LeavingFund : IAccountDeletionStep
{
    public Task MemberLeavingAsync(Guid memberId, CancellationToken ct) => Task.CompletedTask;
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
        return [("gifts", gifts)];
    }
}
