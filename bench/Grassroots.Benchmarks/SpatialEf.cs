using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Benchmarks.SpatialIndex;

namespace Grassroots.Benchmarks;

/// <summary>A row of the grid table as EF Core sees it; starts in Unix milliseconds (PostgreSQL: timestamptz through a converter).</summary>
public sealed class GridEvent
{
    public long Id { get; set; }
    public int Cell { get; set; }
    public long Starts { get; set; }
    public double Lat { get; set; }
    public double Lng { get; set; }
}

public abstract class SpatialDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<GridEvent> Events => Set<GridEvent>();

    protected static void Map(ModelBuilder b, string table, bool timestamptz)
    {
        var e = b.Entity<GridEvent>();
        e.ToTable(table).HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Cell).HasColumnName("cell");
        e.Property(x => x.Lat).HasColumnName("lat");
        e.Property(x => x.Lng).HasColumnName("lng");
        var starts = e.Property(x => x.Starts).HasColumnName("starts");
        if (timestamptz) starts.HasConversion(v => DateTime.UnixEpoch.AddMilliseconds(v), d => (long)(d - DateTime.UnixEpoch).TotalMilliseconds);
    }
}

public sealed class SqliteSpatialDb(DbConnection open) : SpatialDb(new DbContextOptionsBuilder<SqliteSpatialDb>()
    .UseSqlite(open).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options)
{
    protected override void OnModelCreating(ModelBuilder b) => Map(b, "ev", timestamptz: false);
}

public sealed class PostgresSpatialDb(DbConnection open) : SpatialDb(new DbContextOptionsBuilder<PostgresSpatialDb>()
    .UseNpgsql(open).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options)
{
    protected override void OnModelCreating(ModelBuilder b) => Map(b, "ev_grid", timestamptz: true);
}

/// <summary>
/// The grid written as an app would write it, in LINQ through EF Core (one query shape for both
/// providers): page by time as Concat of each cell's first page, distance and count with Contains.
/// </summary>
public sealed class EfGridCandidate(SpatialDb db) : Candidate("grid, EF Core LINQ",
    "the grid table above through EF Core: Concat of per-cell OrderBy/Take (UNION ALL), Contains for the cell list, Math.Sin/Cos/Pow for the distance")
{
    private const double H = Math.PI / 360, D = Math.PI / 180;

    private static IQueryable<GridEvent> Near(IQueryable<GridEvent> q, Origin o)
    {
        var (lat0, lng0, cos0, amax) = (o.Lat, o.Lng, o.Cos0, o.AMax);
        return q.Where(e => Math.Pow(Math.Sin((e.Lat - lat0) * H), 2) + cos0 * Math.Cos(e.Lat * D) * Math.Pow(Math.Sin((e.Lng - lng0) * H), 2) <= amax);
    }

    public override Task<List<long>> TimePageAsync(Origin o, long nowMs) => TimeQuery(o, nowMs).ToListAsync();

    private IQueryable<long> TimeQuery(Origin o, long nowMs)
    {
        IQueryable<GridEvent>? union = null;
        foreach (var cell in o.Inner)
        {
            var part = db.Events.Where(e => e.Cell == cell && e.Starts >= nowMs).OrderBy(e => e.Starts).ThenBy(e => e.Id).Take(PageSize);
            union = union is null ? part : union.Concat(part);
        }
        foreach (var cell in o.Edge)
        {
            var part = Near(db.Events.Where(e => e.Cell == cell && e.Starts >= nowMs), o).OrderBy(e => e.Starts).ThenBy(e => e.Id).Take(PageSize);
            union = union is null ? part : union.Concat(part);
        }
        return union!.OrderBy(e => e.Starts).ThenBy(e => e.Id).Take(PageSize).Select(e => e.Id);
    }

    public override Task<List<long>> DistancePageAsync(Origin o, long nowMs) => DistanceQuery(o, nowMs).ToListAsync();

    private IQueryable<long> DistanceQuery(Origin o, long nowMs)
    {
        var (lat0, lng0, cos0, amax, cells) = (o.Lat, o.Lng, o.Cos0, o.AMax, o.Cells);
        return db.Events.Where(e => cells.Contains(e.Cell) && e.Starts >= nowMs)
            .Select(e => new { e.Id, A = Math.Pow(Math.Sin((e.Lat - lat0) * H), 2) + cos0 * Math.Cos(e.Lat * D) * Math.Pow(Math.Sin((e.Lng - lng0) * H), 2) })
            .Where(x => x.A <= amax).OrderBy(x => x.A).ThenBy(x => x.Id).Take(PageSize).Select(x => x.Id);
    }

    public override async Task<long> CountAsync(Origin o, long nowMs)
    {
        var (inner, edge) = (o.Inner, o.Edge);
        var whole = await db.Events.CountAsync(e => inner.Contains(e.Cell) && e.Starts >= nowMs);
        return whole + await Near(db.Events.Where(e => edge.Contains(e.Cell) && e.Starts >= nowMs), o).CountAsync();
    }

    public override async Task<int> ByIdAsync(long id) => await db.Events.Where(e => e.Id == id).Select(e => e.Starts).FirstAsync() > 0 ? 1 : 0;

    public override Task<List<(long Id, long Starts, double A)>> BruteForceAsync(Origin o, long nowMs) => throw new NotSupportedException();
    public override Task<string> ExplainAsync(Origin o, long nowMs) => Task.FromResult(
        $"-- {Name}, by time\n{TimeQuery(o, nowMs).ToQueryString()}\n\n-- {Name}, by distance\n{DistanceQuery(o, nowMs).ToQueryString()}\n");

    public override Task<string> SizeAsync() => Task.FromResult("the grid table");
    public override async ValueTask DisposeAsync() => await db.DisposeAsync();
}
