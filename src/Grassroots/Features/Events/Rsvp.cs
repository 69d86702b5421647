using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Events;

[JsonConverter(typeof(JsonStringEnumConverter<RsvpStatus>))]
public enum RsvpStatus { Confirmed = 0, Waitlisted = 1, Cancelled = 2 }

/// <summary>
/// "I'll be there": a member's, or a guest's (name, email, ZIP; no account). One active RSVP per person
/// and event, whoever they are signed in as: keyed by the normalized email, so a guest who later joins
/// with that confirmed address finds their RSVPs under their account.
/// </summary>
public sealed class Rsvp
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public Guid? MemberId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    /// <summary>The email upper-cased and trimmed: one active RSVP per address and event.</summary>
    public required string EmailKey { get; set; }
    public string? Zip { get; set; }
    /// <summary>People coming with them; the RSVP holds 1 + Guests seats.</summary>
    public int Guests { get; set; }
    public RsvpStatus Status { get; set; }
    /// <summary>The client's key for this write: a retried request finds the RSVP it already made.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>The language mails about it are written in: the member's choice, or the page a guest RSVPed on.</summary>
    public string? Culture { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    /// <summary>When a second RSVP with this address last had the first mailed back (at most hourly: no inbox flooding).</summary>
    public DateTimeOffset? AgainMailedAt { get; set; }
    /// <summary>Added at the door by a host (not through an RSVP).</summary>
    public bool WalkIn { get; set; }

    public int Seats => 1 + Guests;
}

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> b)
    {
        b.ToTable("rsvps", t => t.HasCheckConstraint("CK_rsvps_guests", "\"Guests\" >= 0 AND \"Guests\" <= " + Event.MaxGuests));
        b.Property(r => r.Name).HasMaxLength(80);
        b.Property(r => r.Email).HasMaxLength(254);
        b.Property(r => r.EmailKey).HasMaxLength(254);
        b.Property(r => r.Zip).HasMaxLength(5);
        b.Property(r => r.IdempotencyKey).HasMaxLength(100);
        b.Property(r => r.Culture).HasMaxLength(10);
        b.Ignore(r => r.Seats);
        // One active RSVP per address and event; cancelled ones stay as history.
        b.HasIndex(r => new { r.EventId, r.EmailKey }).IsUnique().HasFilter("\"Status\" <> 2");
        b.HasIndex(r => new { r.EmailKey, r.IdempotencyKey }).IsUnique();
        // The waitlist in arrival order.
        b.HasIndex(r => new { r.EventId, r.Status, r.CreatedAt });
        b.HasIndex(r => r.MemberId);
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
