using Grassroots.Features.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of moderation, declared by the feature that owns them (the context itself names no feature).</summary>
public abstract partial class AppDbContext
{
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<ModerationCase> ModerationCases => Set<ModerationCase>();
    public DbSet<Juror> Jurors => Set<Juror>();
}
