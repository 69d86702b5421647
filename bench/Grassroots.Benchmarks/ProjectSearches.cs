using System.Diagnostics;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grassroots.Benchmarks;

/// <summary>
/// p50/p99 of "Projects that need you" (one member, over 100,000 open needs and 1,000,000 members)
/// and of the overlap suggestions (a new title and goal over 100,000 projects), against a
/// primary-key lookup in the same run.
/// </summary>
public static class ProjectSearches
{
    private static readonly IStringLocalizer<SharedResource> L = new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly (string Title, string Goal)[] NewProjects =
    [
        ("Voter registration drive on campus", "Register students to vote before the deadline"),
        ("Phone bank for the town hall", "Call neighbors about the minimum wage town hall"),
        ("Bilingual flyer for the rally", "Translate and print a flyer in Spanish and English"),
        ("Climate teach-in downtown", "Host a teach-in about the climate plan"),
        ("Legal clinic for tenants", "Free legal advice for tenants facing eviction"),
    ];

    public static async Task RunAsync(string provider, int iterations, TextWriter report)
    {
        await BenchProjects.EnsureAsync(provider, DirectorySearch.ZipTable);
        await using var db = BenchDatabase.Open(provider);
        var matching = new Matching(db, L, TimeProvider.System);
        var similarity = new Similarity(db, DirectorySearch.ZipTable);
        // Members spread over the country, given skills the seeded needs ask for.
        var members = await db.Users.AsNoTracking().Where(m => m.Latitude != null).OrderBy(m => m.Id).Take(50).Select(m => m.Id).ToArrayAsync();
        await db.Users.Where(m => members.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Skills, new List<string> { "video", "canvassing", "legal" }));
        var ids = await db.Projects.AsNoTracking().OrderBy(p => p.Slug).Select(p => p.Id).Take(1000).ToArrayAsync();
        var i = 0;
        var cases = new (string Name, Func<Task<int>> Run)[]
        {
            ("project by primary key (baseline)", async () =>
            {
                var id = ids[i++ % ids.Length];
                return (await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => p.Title).FirstAsync()).Length;
            }),
            ("Projects that need you (top 10)", async () => (await matching.ForMemberAsync(members[i++ % members.Length], 10, CancellationToken.None)).Count),
            ("overlap suggestions for a new title + goal", async () =>
            {
                var (t, g) = NewProjects[i++ % NewProjects.Length];
                return (await similarity.FindAsync(t, g, DirectorySearch.Zips[i % DirectorySearch.Zips.Length], null, CancellationToken.None)).Count;
            }),
        };
        report.WriteLine($"| {provider} | query | p50 ms | p99 ms | mean ms | p50 ÷ baseline p50 | rows |");
        report.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var (name, run) in cases)
        {
            var warm = Stopwatch.StartNew();
            var rows = 0;
            while (warm.Elapsed < TimeSpan.FromSeconds(3)) rows = await run();
            var times = new double[iterations];
            for (var k = 0; k < iterations; k++)
            {
                var t = Stopwatch.GetTimestamp();
                await run();
                times[k] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                db.ChangeTracker.Clear();
            }
            Array.Sort(times);
            var p50 = times[iterations / 2];
            baseline ??= p50;
            report.WriteLine($"| {provider} | {name} | {p50:F3} | {times[(int)(iterations * 0.99)]:F3} | {times.Average():F3} | {p50 / baseline:F0}× | {rows} |");
        }
    }
}
