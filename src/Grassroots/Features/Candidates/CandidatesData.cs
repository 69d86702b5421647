using Grassroots.Features.Candidates;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of candidates and offices, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<FilingWindow> FilingWindows => Set<FilingWindow>();
    public DbSet<Candidacy> Candidacies => Set<Candidacy>();
    public DbSet<PlankAnswer> PlankAnswers => Set<PlankAnswer>();
    public DbSet<Residence> Residences => Set<Residence>();
    public DbSet<FilingReminder> FilingReminders => Set<FilingReminder>();
}
