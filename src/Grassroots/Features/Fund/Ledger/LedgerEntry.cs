using Grassroots.Accounting.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund.Ledger;

/// <summary>
/// A journal entry as stored: written once, never updated or deleted (a refund is a new entry that reverses one).
/// What it is for (<see cref="Kind"/>) and the gift or run it belongs to make the books readable; the lines hold the money.
/// </summary>
public sealed class LedgerEntry
{
    public const int MaxMemoLength = 200;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public Guid? GiftId { get; set; }
    public Guid? RunId { get; set; }
    /// <summary>The entry this one reverses (a refund of a gift, a correction).</summary>
    public long? Reverses { get; set; }
    public string Memo { get; set; } = "";
}

/// <summary>One line of an entry: an account, a side, a positive amount in cents.</summary>
public sealed class LedgerLine
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public LedgerEntry? Entry { get; set; }
    public required string Account { get; set; }
    public Side Side { get; set; }
    public long Cents { get; set; }
}

internal sealed class LedgerConfiguration : IEntityTypeConfiguration<LedgerEntry>, IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("ledger_entries");
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Memo).HasMaxLength(LedgerEntry.MaxMemoLength);
        b.HasIndex(e => e.GiftId);
        b.HasIndex(e => e.RunId);
        // A reversal reverses once: a second refund of the same entry is refused by the database itself.
        b.HasIndex(e => e.Reverses).IsUnique();
    }

    public void Configure(EntityTypeBuilder<LedgerLine> b)
    {
        b.ToTable("ledger_lines", t => t.HasCheckConstraint("CK_ledger_lines_positive", "\"Cents\" > 0"));
        b.Property(l => l.Account).HasMaxLength(JournalEntry.MaxAccountLength);
        // A balance is a checkpoint plus the account's lines after it: one short range of this index.
        b.HasIndex(l => new { l.Account, l.Id }).IncludeProperties(l => new { l.Side, l.Cents });
        b.HasOne(l => l.Entry).WithMany().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
