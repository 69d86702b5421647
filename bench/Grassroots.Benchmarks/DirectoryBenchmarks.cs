using BenchmarkDotNet.Attributes;

namespace Grassroots.Benchmarks;

/// <summary>BenchmarkDotNet view of the directory query against a primary-key lookup (the baseline) on both databases.</summary>
[MemoryDiagnoser]
[MedianColumn, Q3Column]
public class DirectoryBenchmarks
{
    [Params("Sqlite", "Postgres")] public string Provider { get; set; } = "Sqlite";

    private DirectorySearch _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchDatabase.EnsureAsync(Provider, DirectorySearch.ZipTable).GetAwaiter().GetResult();
        _search = new DirectorySearch(Provider);
        _search.LoadIdsAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup] public void Cleanup() => _search.Dispose();

    [Benchmark(Baseline = true)] public Task<int> GroupByPrimaryKey() => _search.ByPrimaryKeyAsync();
    [Benchmark] public Task<int> NearZip25MilesWithText() => _search.NearZipWithTextAsync();
    [Benchmark] public Task<int> NearZip25Miles() => _search.NearZipAsync();
}
