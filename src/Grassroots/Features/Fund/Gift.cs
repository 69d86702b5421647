using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund;

[JsonConverter(typeof(JsonStringEnumConverter<GiftStatus>))]
public enum GiftStatus
{
    /// <summary>The room under the limits is held and the card is being charged (or a crash left it here: recovery settles it).</summary>
    Charging = 0,
    /// <summary>The money moved and is in the books.</summary>
    Charged = 1,
    /// <summary>The card was declined: nothing moved, the room is given back.</summary>
    Declined = 2,
    /// <summary>The processor failed to answer or never saw it: nothing moved; the same key may try again.</summary>
    Failed = 3,
    /// <summary>Charged, then refunded in full.</summary>
    Refunded = 4,
}

/// <summary>
/// A gift: one charge, split among recipients (the central fund, endorsed candidates). The donor's name, address,
/// employer and occupation are kept as given with the gift, as the FEC's Schedule A reports them; the card number is
/// never stored (only its last four digits, for the receipt).
/// </summary>
public sealed class Gift
{
    public const int MaxNameLength = 100, MaxStreetLength = 150, MaxCityLength = 60, MaxJobLength = 80;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DonorId { get; set; }
    public Member? Donor { get; set; }
    public long Cents { get; set; }
    public GiftStatus Status { get; set; }
    /// <summary>The client's key for this gift: a retried request finds it instead of giving twice.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>The key the processor knows this gift's charge by (one per gift, whatever the retries).</summary>
    public string ProcessorKey => KeyFor(Id);
    public static string KeyFor(Guid id) => $"gift:{id:N}";
    public string? ChargeId { get; set; }
    public string? CardLast4 { get; set; }
    /// <summary>Why it failed: the processor's code ("card_declined", "insufficient_funds").</summary>
    public string? Reason { get; set; }
    public long RefundedCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>The period the fund's share counts toward: the calendar year (UTC) it was given in.</summary>
    public int Year { get; set; }
    /// <summary>The election its candidates' shares count toward.</summary>
    public required string Election { get; set; }
    public required string DonorName { get; set; }
    public required string Street { get; set; }
    public required string City { get; set; }
    public required string State { get; set; }
    public required string Zip { get; set; }
    public string? Employer { get; set; }
    public string? Occupation { get; set; }
    /// <summary>The receipt's language.</summary>
    public string? Culture { get; set; }
    /// <summary>The monthly gift this is a month of (its first month too), if any.</summary>
    public Guid? MonthlyGiftId { get; set; }
    public List<GiftSplit> Splits { get; set; } = [];
}

/// <summary>A recipient's share of a gift: a ledger account ("fund", "candidate:…") and its cents.</summary>
public sealed class GiftSplit
{
    public long Id { get; set; }
    public Guid GiftId { get; set; }
    public required string Account { get; set; }
    public long Cents { get; set; }
    public long RefundedCents { get; set; }
}

internal sealed class GiftConfiguration : IEntityTypeConfiguration<Gift>, IEntityTypeConfiguration<GiftSplit>
{
    public void Configure(EntityTypeBuilder<Gift> b)
    {
        b.ToTable("gifts", t =>
        {
            t.HasCheckConstraint("CK_gifts_cents", "\"Cents\" > 0");
            t.HasCheckConstraint("CK_gifts_refunded", "\"RefundedCents\" >= 0 AND \"RefundedCents\" <= \"Cents\"");
        });
        b.Ignore(g => g.ProcessorKey);
        b.Property(g => g.IdempotencyKey).HasMaxLength(100);
        b.HasIndex(g => new { g.DonorId, g.IdempotencyKey }).IsUnique();
        b.HasIndex(g => new { g.Status, g.CreatedAt });
        b.HasIndex(g => g.CreatedAt);
        b.HasIndex(g => g.MonthlyGiftId);
        b.Property(g => g.ChargeId).HasMaxLength(60);
        b.Property(g => g.CardLast4).HasMaxLength(4);
        b.Property(g => g.Reason).HasMaxLength(60);
        b.Property(g => g.Election).HasMaxLength(20);
        b.Property(g => g.DonorName).HasMaxLength(Gift.MaxNameLength);
        b.Property(g => g.Street).HasMaxLength(Gift.MaxStreetLength);
        b.Property(g => g.City).HasMaxLength(Gift.MaxCityLength);
        b.Property(g => g.State).HasMaxLength(2);
        b.Property(g => g.Zip).HasMaxLength(10);
        b.Property(g => g.Employer).HasMaxLength(Gift.MaxJobLength);
        b.Property(g => g.Occupation).HasMaxLength(Gift.MaxJobLength);
        b.Property(g => g.Culture).HasMaxLength(10);
        // Gifts are records the law keeps: a donor's account going does not take them along.
        b.HasOne(g => g.Donor).WithMany().HasForeignKey(g => g.DonorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Splits).WithOne().HasForeignKey(s => s.GiftId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<GiftSplit> b)
    {
        b.ToTable("gift_splits", t =>
        {
            t.HasCheckConstraint("CK_gift_splits_cents", "\"Cents\" > 0");
            t.HasCheckConstraint("CK_gift_splits_refunded", "\"RefundedCents\" >= 0 AND \"RefundedCents\" <= \"Cents\"");
        });
        b.Property(s => s.Account).HasMaxLength(Accounting.Ledger.JournalEntry.MaxAccountLength);
        b.HasIndex(s => new { s.GiftId, s.Account }).IsUnique();
        // A candidate's itemized receipts: the splits to their account, newest first.
        b.HasIndex(s => new { s.Account, s.GiftId });
    }
}
