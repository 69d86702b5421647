using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grassroots.Benchmarks;

/// <summary>The directory question the issue names: near a ZIP, within 25 miles, a text filter, page 1.</summary>
public sealed class DirectorySearch : IDisposable
{
    /// <summary>Populous ZIPs across the country, so no single cache line answers every query.</summary>
    public static readonly string[] Zips = ["19107", "10027", "60615", "94110", "78702", "53703", "05401", "30303", "98101", "02139",
        "48201", "85004", "80202", "97201", "55401", "63101", "70112", "33101", "27601", "44113"];

    public static readonly ZipCodes ZipTable = ZipCodes.LoadDefault();
    private static readonly IStringLocalizer<SharedResource> L = new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private readonly AppDbContext _db;
    private readonly GroupDirectory _directory;
    private int _next;

    public DirectorySearch(string provider)
    {
        _db = BenchDatabase.Open(provider);
        _directory = new GroupDirectory(_db, ZipTable, L);
    }

    /// <summary>Near a ZIP within 25 miles, text "climate", sorted by distance, page 1.</summary>
    public async Task<int> NearZipWithTextAsync()
    {
        var zip = Zips[_next++ % Zips.Length];
        var (page, errors) = await _directory.SearchAsync(new GroupQuery { Near = zip, Within = 25, Q = "climate" }, CancellationToken.None);
        if (page is null) throw new InvalidOperationException(string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
        _db.ChangeTracker.Clear();
        return page.Items.Count;
    }

    /// <summary>The same query without the text filter.</summary>
    public async Task<int> NearZipAsync()
    {
        var zip = Zips[_next++ % Zips.Length];
        var (page, _) = await _directory.SearchAsync(new GroupQuery { Near = zip, Within = 25 }, CancellationToken.None);
        return page!.Items.Count;
    }

    /// <summary>Baseline in the same run: one group by primary key, the cheapest useful query.</summary>
    public async Task<int> ByPrimaryKeyAsync()
    {
        var id = _ids[_next++ % _ids.Length];
        return await _db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => g.MemberCount).FirstAsync();
    }

    private Guid[] _ids = [];
    public async Task LoadIdsAsync() => _ids = await _db.Groups.AsNoTracking().OrderBy(g => g.Slug).Select(g => g.Id).Take(1000).ToArrayAsync();

    public void Dispose() => _db.Dispose();
}
