using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grassroots.Features.Events;

/// <summary>
/// A distributed campaign: one banner ("House party weekend, June 4–5") under which many hosts each create
/// their own event from a shared template. Its page shows the map and live totals.
/// </summary>
public sealed class Campaign
{
    public const int MaxTitleLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    /// <summary>The days events of the campaign fall on (in each event's own zone), first and last inclusive.</summary>
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    /// <summary>The group running it: its organizers edit the campaign. Null: a member's own campaign.</summary>
    public Guid? GroupId { get; set; }
    public Guid CreatedById { get; set; }
    /// <summary>The template every host starts from: kind, title, description, seats, guests.</summary>
    public EventKind Kind { get; set; }
    public string TemplateTitle { get; set; } = "";
    public string TemplateDescription { get; set; } = "";
    public int? TemplateCapacity { get; set; }
    public int TemplateGuests { get; set; }
    public ContentModeration Moderation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("event_campaigns", t => t.HasCheckConstraint("CK_event_campaigns_days", "\"LastDay\" >= \"FirstDay\""));
        b.Property(c => c.Slug).HasMaxLength(140);
        b.Property(c => c.Title).HasMaxLength(Campaign.MaxTitleLength);
        b.Property(c => c.Description).HasMaxLength(Event.MaxDescriptionLength);
        b.Property(c => c.TemplateTitle).HasMaxLength(Event.MaxTitleLength);
        b.Property(c => c.TemplateDescription).HasMaxLength(Event.MaxDescriptionLength);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.LastDay, c.FirstDay });
        b.HasIndex(c => c.GroupId);
        b.HasOne<Groups.Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}
