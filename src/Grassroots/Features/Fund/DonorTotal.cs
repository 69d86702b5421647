using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund;

/// <summary>
/// What one donor has given one recipient in one period (a year for the fund, an election for a candidate), counting
/// gifts being charged: the counter the limit is checked against. It moves only by conditional UPDATEs (see
/// <see cref="DonorTotals"/>), so parallel gifts can't pass the limit together.
/// </summary>
public sealed class DonorTotal
{
    public Guid DonorId { get; set; }
    public required string Account { get; set; }
    public required string Period { get; set; }
    public long Cents { get; set; }
}

internal sealed class DonorTotalConfiguration : IEntityTypeConfiguration<DonorTotal>
{
    public void Configure(EntityTypeBuilder<DonorTotal> b)
    {
        b.ToTable("donor_totals", t => t.HasCheckConstraint("CK_donor_totals_cents", "\"Cents\" >= 0"));
        b.HasKey(d => new { d.DonorId, d.Account, d.Period });
        b.Property(d => d.Account).HasMaxLength(Accounting.Ledger.JournalEntry.MaxAccountLength);
        b.Property(d => d.Period).HasMaxLength(20);
    }
}

internal static class DonorTotals
{
    public enum Reserve { Done, OverLimit, NeedsEmployer }

    /// <summary>
    /// Adds a share to the donor's total only if it stays within <paramref name="cap"/>, and (without employer and
    /// occupation) within the itemization threshold: one conditional UPDATE, so a donor's parallel gifts queue on the
    /// row and never pass the limit together. The first gift of a period inserts the row; two first gifts at once
    /// collide on its key and the caller retries.
    /// </summary>
    public static async Task<Reserve> ReserveAsync(AppDbContext db, Guid donor, string account, string period, long cents, long cap, long threshold, bool identified, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var updated = await db.DonorTotals
                .Where(d => d.DonorId == donor && d.Account == account && d.Period == period && d.Cents + cents <= cap && (identified || d.Cents + cents <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Cents, d => d.Cents + cents), ct);
            if (updated == 1) return Reserve.Done;
            var given = await db.DonorTotals.Where(d => d.DonorId == donor && d.Account == account && d.Period == period).Select(d => (long?)d.Cents).SingleOrDefaultAsync(ct);
            if (given is null)
            {
                if (cents > cap) return Reserve.OverLimit;
                if (!identified && cents > threshold) return Reserve.NeedsEmployer;
                db.DonorTotals.Add(new DonorTotal { DonorId = donor, Account = account, Period = period, Cents = cents });
                await db.SaveChangesAsync(ct);
                return Reserve.Done;
            }
            if (given + cents > cap) return Reserve.OverLimit;
            if (!identified && given + cents > threshold) return Reserve.NeedsEmployer;
            // The row was committed by another gift between the two statements (it was not there for the UPDATE): again.
        }
        return Reserve.OverLimit;
    }

    /// <summary>A declined, failed or refunded share no longer counts toward the limit.</summary>
    public static Task GiveBackAsync(AppDbContext db, Guid donor, string account, string period, long cents, CancellationToken ct) =>
        db.DonorTotals.Where(d => d.DonorId == donor && d.Account == account && d.Period == period)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Cents, d => d.Cents - cents), ct);
}
