using Grassroots.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of events, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<EventCohost> EventCohosts => Set<EventCohost>();
    public DbSet<EventGroup> EventGroups => Set<EventGroup>();
    public DbSet<EventMessage> EventMessages => Set<EventMessage>();
}
