using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Projects;

[JsonConverter(typeof(JsonStringEnumConverter<NeedKind>))]
public enum NeedKind
{
    /// <summary>People with a skill; the quantity is a head count.</summary>
    People = 0,
    /// <summary>Money; the quantity is a goal in cents (pledges are promises, collected by the Fund later).</summary>
    Money = 1,
    /// <summary>Things: a projector, 200 flyers; the quantity is a count.</summary>
    Thing = 2,
    /// <summary>A place to meet; the quantity is usually 1.</summary>
    Venue = 3,
    /// <summary>Volunteer hours.</summary>
    Hours = 4,
}

/// <summary>
/// What a project asks the crowd for. <see cref="Reserved"/> counts pending and accepted pledges,
/// <see cref="Filled"/> accepted ones (the progress bar). Both move only through
/// <see cref="NeedCounters"/>: conditional UPDATEs that never promise more than the quantity (or, where
/// owners welcome more, than the ceiling of its kind), so parallel pledges can neither over-promise nor overflow.
/// </summary>
public sealed class Need
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; set; }
    public NeedKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>For people: the skill sought (a Catalog.Skills key), used for matching.</summary>
    public string? Skill { get; set; }
    public long Quantity { get; set; }
    public long Reserved { get; set; }
    public long Filled { get; set; }
    /// <summary>Owners may welcome more than they asked for (more canvassers never hurt), up to the ceiling of its kind.</summary>
    public bool AllowOverfill { get; set; }
    /// <summary>Pledges are accepted at once, first come first served, instead of waiting for an owner.</summary>
    public bool AutoAccept { get; set; }
    public bool Closed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Full: accepted pledges cover it and more is not welcome. A full need closes, and it reopens when
    /// a withdrawal makes it fall short again; the owners cannot reopen a full one.
    /// </summary>
    public static readonly Expression<Func<Need, bool>> IsFull = n => !n.AllowOverfill && n.Filled >= n.Quantity;
    private static readonly Func<Need, bool> IsFullNow = IsFull.Compile();
    public bool Full => IsFullNow(this);

    /// <summary>Takes pledges: open and with room left (overfill needs always have room until their ceiling).</summary>
    public static readonly Expression<Func<Need, bool>> HasRoom = n => !n.Closed && (n.AllowOverfill || n.Reserved < n.Quantity);

    public long Remaining => Math.Max(0, Quantity - Reserved);
    public int PercentFilled => Quantity == 0 ? 100 : (int)Math.Min(100, Filled * 100 / Quantity);
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ToTable("needs");
        b.Property(n => n.Title).HasMaxLength(NeedInput.MaxTitleLength);
        b.Property(n => n.Skill).HasMaxLength(40);
        b.Ignore(n => n.Remaining);
        b.Ignore(n => n.PercentFilled);
        b.Ignore(n => n.Full);
        // "Projects that need you": open needs by skill.
        b.HasIndex(n => new { n.Closed, n.Skill });
        b.ToTable(t => t.HasCheckConstraint("CK_needs_quantity", "\"Quantity\" > 0"));
    }
}

/// <summary>
/// Every change to a need's counters, in one place, each one conditional UPDATE: the database row is
/// the lock, so parallel pledges, answers and withdrawals queue on it and none is lost.
/// </summary>
internal static class NeedCounters
{
    /// <summary>
    /// Reserves room for a new pledge (and fills it too when it is accepted at once), only if the need
    /// is open and the pledge fits: within the quantity, or within <paramref name="ceiling"/> where more
    /// is welcome. Closes the need when this makes it full. False when there was no room.
    /// </summary>
    public static async Task<bool> ReserveAsync(AppDbContext db, Guid needId, long amount, bool accepted, long ceiling, CancellationToken ct)
    {
        var filled = accepted ? amount : 0;
        return await db.Needs
            .Where(n => n.Id == needId && !n.Closed && n.Reserved + amount <= (n.AllowOverfill ? ceiling : n.Quantity))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Reserved, n => n.Reserved + amount)
                .SetProperty(n => n.Filled, n => n.Filled + filled)
                .SetProperty(n => n.Closed, n => !n.AllowOverfill && n.Filled + filled >= n.Quantity), ct) == 1;
    }

    /// <summary>An owner accepted a pending pledge: it now counts toward progress; a need it fills closes.</summary>
    public static Task FillAsync(AppDbContext db, Guid needId, long amount, CancellationToken ct) =>
        db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Filled, n => n.Filled + amount)
            .SetProperty(n => n.Closed, n => n.Closed || (!n.AllowOverfill && n.Filled + amount >= n.Quantity)), ct);

    /// <summary>An owner declined a pending pledge: the room it held is free for someone else.</summary>
    public static Task ReleaseAsync(AppDbContext db, Guid needId, long amount, CancellationToken ct) =>
        db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Reserved, n => n.Reserved - amount), ct);

    /// <summary>
    /// A pledge was withdrawn: it gives back the room it held (and its progress, if it was accepted). A need
    /// that had closed because it was full reopens when it falls short again, if its project still takes pledges;
    /// a need its owners closed stays closed.
    /// </summary>
    public static Task GiveBackAsync(AppDbContext db, Guid needId, long amount, bool wasAccepted, CancellationToken ct)
    {
        var unfill = wasAccepted ? amount : 0;
        return db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Reserved, n => n.Reserved - amount)
            .SetProperty(n => n.Filled, n => n.Filled - unfill)
            .SetProperty(n => n.Closed, n => n.Closed && !(
                !n.AllowOverfill && n.Filled >= n.Quantity && n.Filled - unfill < n.Quantity
                && db.Projects.Any(p => p.Id == n.ProjectId && (p.Status == ProjectStatus.Idea || p.Status == ProjectStatus.Active)))), ct);
    }
}
