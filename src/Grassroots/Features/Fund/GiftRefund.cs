using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund;

/// <summary>A refund of (part of) a gift, by a treasurer: its key makes a retried request refund once.</summary>
public sealed class GiftRefund
{
    public long Id { get; set; }
    public Guid GiftId { get; set; }
    public long Cents { get; set; }
    public required string IdempotencyKey { get; set; }
    public Guid ActorId { get; set; }
    public string? ProcessorRefundId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The refund's own journal entry: the one to reverse if the processor refuses (not merely the gift's latest).</summary>
    public long EntryId { get; set; }
    public Ledger.LedgerEntry? Entry { get; set; }
}

internal sealed class GiftRefundConfiguration : IEntityTypeConfiguration<GiftRefund>
{
    public void Configure(EntityTypeBuilder<GiftRefund> b)
    {
        b.ToTable("gift_refunds", t => t.HasCheckConstraint("CK_gift_refunds_cents", "\"Cents\" > 0"));
        b.Property(r => r.IdempotencyKey).HasMaxLength(100);
        b.Property(r => r.ProcessorRefundId).HasMaxLength(120);
        b.HasIndex(r => new { r.GiftId, r.IdempotencyKey }).IsUnique();
        b.HasOne(r => r.Entry).WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
