using System.Diagnostics;

namespace Grassroots.Benchmarks;

/// <summary>
/// p50 and p99 of each query, measured in one process after a warm-up; BenchmarkDotNet reports
/// means and medians, the issue asks for the tail as well.
/// </summary>
public static class Percentiles
{
    public static async Task RunAsync(string provider, int iterations, TextWriter report)
    {
        await BenchDatabase.EnsureAsync(provider, DirectorySearch.ZipTable);
        using var search = new DirectorySearch(provider);
        await search.LoadIdsAsync();
        var cases = new (string Name, Func<Task<int>> Run)[]
        {
            ("group by primary key (baseline)", search.ByPrimaryKeyAsync),
            ("near ZIP, 25 mi, text \"climate\", page 1", search.NearZipWithTextAsync),
            ("near ZIP, 25 mi, page 1", search.NearZipAsync),
        };
        var results = new List<(string Name, double P50, double P99, double Mean)>();
        foreach (var (name, run) in cases)
        {
            // Warm up for 3 s so tiered JIT has finished (a short warm-up measured the baseline 3× slow).
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(3)) await run();
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await run();
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            Array.Sort(times);
            results.Add((name, times[iterations / 2], times[(int)(iterations * 0.99)], times.Average()));
        }
        var baseline = results[0].P50;
        report.WriteLine($"| {provider} | query | p50 ms | p99 ms | mean ms | p50 ÷ baseline p50 |");
        report.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
            report.WriteLine($"| {provider} | {r.Name} | {r.P50:F3} | {r.P99:F3} | {r.Mean:F3} | {r.P50 / baseline:F1}× |");
    }
}
