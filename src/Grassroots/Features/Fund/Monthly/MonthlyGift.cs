using System.Text.Json.Serialization;
using Grassroots.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Fund.Monthly;

[JsonConverter(typeof(JsonStringEnumConverter<MonthlyStatus>))]
public enum MonthlyStatus
{
    /// <summary>Charged every month on its day.</summary>
    Active = 0,
    /// <summary>The donor stopped it (or left).</summary>
    Cancelled = 1,
    /// <summary>It stopped by itself: the first charge or too many in a row were declined, or no recipient is backed any more.</summary>
    Stopped = 2,
}

/// <summary>
/// A monthly gift: the same amount and shares, charged on the same day every month (in the donor's time zone, the
/// month's last day when it is shorter: <see cref="Accounting.Recurring.Monthly"/>). Every month is a
/// <see cref="Gift"/> of its own, keyed "monthly:{id}:{month}", so it goes through the same limits, books, receipts and
/// recovery as a one-off gift, and a month is never charged twice. The card is kept as the processor's token only.
/// </summary>
public sealed class MonthlyGift
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DonorId { get; set; }
    public Member? Donor { get; set; }
    public long Cents { get; set; }
    public MonthlyStatus Status { get; set; }
    /// <summary>Why it stopped ("declined", "no_recipient", "left"), or the last month's problem ("over_limit").</summary>
    public string? Reason { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public required string TimeZone { get; set; }
    /// <summary>Months begun (the first at the start): the next month's number, and the key its gift is made under.</summary>
    public int Months { get; set; }
    public DateTimeOffset NextDueAt { get; set; }
    /// <summary>Declined months in a row; Fund:MonthlyMaxDeclines of them stop the gift.</summary>
    public int Declines { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The processor's token for the card (never its number).</summary>
    public required string PaymentToken { get; set; }
    public string? CardLast4 { get; set; }
    public required string DonorName { get; set; }
    public required string Street { get; set; }
    public required string City { get; set; }
    public required string State { get; set; }
    public required string Zip { get; set; }
    public string? Employer { get; set; }
    public string? Occupation { get; set; }
    public string? Culture { get; set; }
    public List<MonthlySplit> Splits { get; set; } = [];

    /// <summary>The start of the keys of months' gifts: a donor's own keys may not start with it.</summary>
    public const string KeyPrefix = "monthly:";

    public static string KeyFor(Guid id, int month) => $"{KeyPrefix}{id:N}:{month}";
}

/// <summary>A recipient's share of each month's gift.</summary>
public sealed class MonthlySplit
{
    public long Id { get; set; }
    public Guid MonthlyGiftId { get; set; }
    public required string Account { get; set; }
    public long Cents { get; set; }
}

internal sealed class MonthlyGiftConfiguration : IEntityTypeConfiguration<MonthlyGift>, IEntityTypeConfiguration<MonthlySplit>
{
    public void Configure(EntityTypeBuilder<MonthlyGift> b)
    {
        b.ToTable("monthly_gifts", t => t.HasCheckConstraint("CK_monthly_gifts_cents", "\"Cents\" > 0"));
        // The run's question, "which active gifts are due?", is one range of this index.
        b.HasIndex(m => new { m.Status, m.NextDueAt });
        b.HasIndex(m => m.DonorId);
        b.Property(m => m.Reason).HasMaxLength(40);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.PaymentToken).HasMaxLength(100);
        b.Property(m => m.CardLast4).HasMaxLength(4);
        b.Property(m => m.DonorName).HasMaxLength(Gift.MaxNameLength);
        b.Property(m => m.Street).HasMaxLength(Gift.MaxStreetLength);
        b.Property(m => m.City).HasMaxLength(Gift.MaxCityLength);
        b.Property(m => m.State).HasMaxLength(2);
        b.Property(m => m.Zip).HasMaxLength(10);
        b.Property(m => m.Employer).HasMaxLength(Gift.MaxJobLength);
        b.Property(m => m.Occupation).HasMaxLength(Gift.MaxJobLength);
        b.Property(m => m.Culture).HasMaxLength(10);
        b.HasOne(m => m.Donor).WithMany().HasForeignKey(m => m.DonorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Splits).WithOne().HasForeignKey(s => s.MonthlyGiftId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MonthlySplit> b)
    {
        b.ToTable("monthly_splits", t => t.HasCheckConstraint("CK_monthly_splits_cents", "\"Cents\" > 0"));
        b.Property(s => s.Account).HasMaxLength(Accounting.Ledger.JournalEntry.MaxAccountLength);
        b.HasIndex(s => new { s.MonthlyGiftId, s.Account }).IsUnique();
    }
}
