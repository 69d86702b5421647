using BenchmarkDotNet.Attributes;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Benchmarks;

/// <summary>
/// The convention's counts at a million ballots: instant runoff over 10 candidates (reading the ballots into piles and
/// counting every round), and verifying a million-entry bulletin board's hash chain; against a plain count of the
/// same ballots' first choices, the least any count must do. Rankings are drawn Plackett–Luce style (some candidates
/// far more popular), 1 to 10 ranks long, so few ballots are identical, as in a real election.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TallyBenchmarks
{
    private const int N = 1_000_000, Candidates = 10;
    private static readonly string[] Names = Enumerable.Range(1, Candidates).Select(i => $"Candidate {i}").ToArray();
    private int[][] _ballots = [];
    private RankedBallots _ranked = null!;
    private List<BoardEntry> _board = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        double[] popularity = [30, 22, 15, 10, 8, 6, 4, 3, 1.5, 0.5];
        _ballots = new int[N][];
        for (var b = 0; b < N; b++)
        {
            var length = random.Next(1, Candidates + 1);
            var left = Enumerable.Range(0, Candidates).ToList();
            var ranking = new int[length];
            for (var r = 0; r < length; r++)
            {
                var total = left.Sum(c => popularity[c]);
                var x = random.NextDouble() * total;
                var i = 0;
                while (i < left.Count - 1 && (x -= popularity[left[i]]) > 0) i++;
                ranking[r] = left[i];
                left.RemoveAt(i);
            }
            _ballots[b] = ranking;
        }
        _ranked = Read();
        var previous = BoardChain.Genesis("bench");
        _board = new List<BoardEntry>(N);
        for (var i = 1; i <= N; i++)
        {
            var tracker = Tracker.Compute("bench", "1>2", i.ToString("x32"));
            var hash = BoardChain.Link(previous, i, tracker, null);
            _board.Add(new BoardEntry(i, tracker, null, hash));
            previous = hash;
        }
    }

    private RankedBallots Read()
    {
        var builder = RankedBallots.Create(Candidates);
        foreach (var b in _ballots) builder.Add(b);
        return builder.Build();
    }

    [Benchmark(Baseline = true)]
    public long PlainCountOfFirstChoices()
    {
        var counts = new long[Candidates];
        foreach (var b in _ballots) counts[b[0]]++;
        return counts.Max();
    }

    [Benchmark]
    public int InstantRunoffReadAndCount() => InstantRunoff.Count(Read(), Names, "seed"u8).Winners[0];

    [Benchmark]
    public int InstantRunoffCountOnly() => InstantRunoff.Count(_ranked, Names, "seed"u8).Winners[0];

    [Benchmark]
    public string VerifyHashChain() => BoardChain.Verify("bench", _board).Head;
}
