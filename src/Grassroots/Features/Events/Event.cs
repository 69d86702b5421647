using System.Text.Json.Serialization;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Events;

[JsonConverter(typeof(JsonStringEnumConverter<EventKind>))]
public enum EventKind { HouseParty = 0, Rally = 1, Canvass = 2, PhoneBank = 3, ConferenceCall = 4, Training = 5, Meeting = 6, Summit = 7 }

[JsonConverter(typeof(JsonStringEnumConverter<EventVisibility>))]
public enum EventVisibility
{
    /// <summary>Listed, on the map, open to anyone (guests too).</summary>
    Public = 0,
    /// <summary>Seen and answered only by members of the event's group.</summary>
    GroupMembers = 1,
}

[JsonConverter(typeof(JsonStringEnumConverter<EventStatus>))]
public enum EventStatus { Scheduled = 0, Cancelled = 1 }

/// <summary>
/// A house party, a rally, a phone bank, a conference call: a time, a place (or a link), and people who
/// said they would come. <see cref="Confirmed"/> and <see cref="Waitlisted"/> count seats (a person and
/// their guests) and move only through <see cref="Seats"/>: conditional UPDATEs that never pass
/// <see cref="Capacity"/>, however many people answer at once.
/// </summary>
public sealed class Event
{
    public const int MaxTitleLength = 120;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxAddressLength = 200;
    public const int MaxUrlLength = 500;
    public const int MaxCapacity = 100_000;
    public const int MaxGuests = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public EventKind Kind { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    /// <summary>UTC; shown in <see cref="TimeZone"/>, the place's zone (an IANA id), whatever the reader's.</summary>
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string TimeZone { get; set; }
    public bool Online { get; set; }
    /// <summary>The video or live-stream link (https only).</summary>
    public string? OnlineUrl { get; set; }
    /// <summary>The street address: shown to people who RSVPed (a house party is someone's home).</summary>
    public string? Address { get; set; }
    public string? Zip { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    /// <summary>The ZIP's centroid, never the address's: the map points at the neighborhood, not the house.</summary>
    public double? Latitude { get => _latitude; set { _latitude = value; Cell = GridCells.Of(_latitude, _longitude); } }
    public double? Longitude { get => _longitude; set { _longitude = value; Cell = GridCells.Of(_latitude, _longitude); } }
    private double? _latitude, _longitude;
    /// <summary>The grid cell of the point (<see cref="GridCells"/>): the spatial index events and groups share.</summary>
    public int? Cell { get; set; }
    /// <summary>For conference calls: the number to dial and its PIN, shown (like the address and link) only to people with a seat.</summary>
    public string? DialIn { get; set; }
    public string? DialPin { get; set; }
    /// <summary>The distributed campaign it belongs to ("House party weekend").</summary>
    public Guid? CampaignId { get; set; }
    /// <summary>Seats, hosts not counted; null: no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>When full, later RSVPs wait in line (and move up when someone cancels); otherwise they are refused.</summary>
    public bool Waitlist { get; set; } = true;
    /// <summary>How many guests (+1s) one RSVP may bring.</summary>
    public int GuestsAllowed { get; set; }
    public EventVisibility Visibility { get; set; }
    public Guid? GroupId { get; set; }
    public Guid HostId { get; set; }
    public EventStatus Status { get; set; }
    /// <summary>iCalendar SEQUENCE: raised on every change a calendar must show, so subscribed calendars update.</summary>
    public int Sequence { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>When the day-before reminder went to the people with a seat.</summary>
    public DateTimeOffset? RemindedAt { get; set; }
    /// <summary>The host's report after the event: how many came (when not counted at the door) and what follows.</summary>
    public int? Turnout { get; set; }
    public string? FollowUp { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }
    /// <summary>An organizer of the event's group let its hosts download the attendee list (audit-logged both ways).</summary>
    public Guid? ExportGrantedById { get; set; }
    public DateTimeOffset? ExportGrantedAt { get; set; }
    public int Confirmed { get; set; }
    public int Waitlisted { get; set; }
    public ContentModeration Moderation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    /// <summary>Public, visible, scheduled: the events a search may list (EventVisibility.Public, ContentModeration.Visible, EventStatus.Scheduled).</summary>
    public const string ListedFilter = "\"Visibility\" = 0 AND \"Moderation\" = 0 AND \"Status\" = 0";

    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("events", t =>
        {
            t.HasCheckConstraint("CK_events_ends_after_start", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("CK_events_capacity", "\"Capacity\" IS NULL OR (\"Capacity\" > 0 AND \"Confirmed\" <= \"Capacity\")");
            t.HasCheckConstraint("CK_events_counts", "\"Confirmed\" >= 0 AND \"Waitlisted\" >= 0");
        });
        b.Property(e => e.Slug).HasMaxLength(140);
        b.Property(e => e.Title).HasMaxLength(Event.MaxTitleLength);
        b.Property(e => e.Description).HasMaxLength(Event.MaxDescriptionLength);
        b.Property(e => e.TimeZone).HasMaxLength(64);
        b.Property(e => e.OnlineUrl).HasMaxLength(Event.MaxUrlLength);
        b.Property(e => e.Address).HasMaxLength(Event.MaxAddressLength);
        b.Property(e => e.Zip).HasMaxLength(5);
        b.Property(e => e.City).HasMaxLength(100);
        b.Property(e => e.State).HasMaxLength(2);
        b.Property(e => e.DialIn).HasMaxLength(40);
        b.Property(e => e.DialPin).HasMaxLength(20);
        b.Property(e => e.FollowUp).HasMaxLength(Event.MaxDescriptionLength);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => e.Slug).IsUnique();
        // Listed events near a place: the cells a circle covers, each read in time order (GridCells). Partial (only
        // what a search may list) and covering (EndsAt for "not yet ended", the point for the circle and the map, Online: the map leaves those out),
        // so a search and the map's counts read the index alone (bench/results/2026-11-26-events-perf.md). The
        // filter's literals must match what EventSearch.Listed writes, or the databases will not use it.
        b.HasIndex(e => new { e.Cell, e.StartsAt, e.Id, e.EndsAt, e.Latitude, e.Longitude, e.Online }, "IX_events_listed")
            .HasFilter(ListedFilter);
        b.HasIndex(e => new { e.StartsAt, e.Id });
        b.HasIndex(e => new { e.CampaignId, e.StartsAt });
        // The reminder job: scheduled events not yet reminded, by start.
        b.HasIndex(e => new { e.RemindedAt, e.StartsAt });
        b.HasIndex(e => e.GroupId);
        b.HasIndex(e => e.HostId);
        b.HasOne<Groups.Group>().WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}
