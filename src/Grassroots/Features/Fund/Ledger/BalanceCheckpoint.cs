using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund.Ledger;

/// <summary>
/// An account's debits and credits summed over the lines up to <see cref="UpTo"/> (a line id): a cache of the lines,
/// never a balance of its own. A balance is this plus the lines after it (<see cref="Books"/>), so it is still
/// derived from the lines, and reading it costs the same with six million gifts as with six. The row keyed
/// <see cref="Watermark"/> holds the run's state: UpTo for every row, and <see cref="Seen"/>.
/// </summary>
public sealed class BalanceCheckpoint
{
    /// <summary>The key of the row that holds the checkpoint's line ids (no account is named so).</summary>
    public const string Watermark = "*";

    public required string Account { get; set; }
    public long UpTo { get; set; }
    public long Debits { get; set; }
    public long Credits { get; set; }
    /// <summary>Watermark row only: the newest line id at the last run; the next run counts up to it (see <see cref="BalanceCheckpoints"/>).</summary>
    public long Seen { get; set; }
}

internal sealed class BalanceCheckpointConfiguration : IEntityTypeConfiguration<BalanceCheckpoint>
{
    public void Configure(EntityTypeBuilder<BalanceCheckpoint> b)
    {
        b.ToTable("balance_checkpoints");
        b.HasKey(c => c.Account);
        b.Property(c => c.Account).HasMaxLength(Accounting.Ledger.JournalEntry.MaxAccountLength);
    }
}
