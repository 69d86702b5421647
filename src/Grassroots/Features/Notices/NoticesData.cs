using Grassroots.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>The tables of notices, declared by the feature that owns them.</summary>
public abstract partial class AppDbContext
{
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeSetting> NoticeSettings => Set<NoticeSetting>();
}
