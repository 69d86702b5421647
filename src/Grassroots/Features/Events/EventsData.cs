using Grassroots.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of events, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
}
