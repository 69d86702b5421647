using Grassroots.Accounting.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund.Allocation;

/// <summary>
/// One sharing-out of the central pool: what was in it, by which rule, and the one balanced entry that moved it (its
/// lines are the shares). Runs are numbered 1, 2, 3… with no gaps: the unique number is what keeps two runs at once
/// from sharing out the same money twice (the second fails and nothing of it is written).
/// </summary>
public sealed class AllocationRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public long Number { get; set; }
    public DateTimeOffset At { get; set; }
    public AllocationRule Rule { get; set; }
    /// <summary>What the pool held when the run began.</summary>
    public long PoolCents { get; set; }
    /// <summary>Kept back (Fund:AllocationReserveCents) for refunds of gifts to the fund.</summary>
    public long ReserveCents { get; set; }
    public long AllocatedCents { get; set; }
    public int Recipients { get; set; }
    /// <summary>The treasurer who started it; null for the schedule.</summary>
    public Guid? ById { get; set; }
    /// <summary>The key a retried request sends again (a treasurer's Idempotency-Key, or the schedule's date).</summary>
    public required string Key { get; set; }
    public long EntryId { get; set; }
}

internal sealed class AllocationRunConfiguration : IEntityTypeConfiguration<AllocationRun>
{
    public void Configure(EntityTypeBuilder<AllocationRun> b)
    {
        b.ToTable("allocation_runs", t => t.HasCheckConstraint("CK_allocation_runs_cents", "\"AllocatedCents\" > 0 AND \"AllocatedCents\" <= \"PoolCents\""));
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => r.Key).IsUnique();
        b.Property(r => r.Key).HasMaxLength(100);
    }
}
