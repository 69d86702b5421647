namespace Grassroots.Ballots.Ranked;

/// <summary>
/// Ranked ballots read by <see cref="RankingRules"/> into what a count needs: each ballot's candidates in order of
/// preference, distinct, cut where the ballot exhausts; identical ballots merged into one with their weights added.
/// Stored flat (one array of preferences, one of offsets) so a million ballots are three arrays, not a million.
/// </summary>
public sealed class RankedBallots
{
    internal readonly int[] Preferences;
    internal readonly int[] Starts;   // ballot b's preferences are Preferences[Starts[b] .. Starts[b + 1])
    internal readonly long[] Weights;
    internal readonly int[]?[] Groups;   // an overvote kept for the count to read (a preference -1 - g is Groups[g]); null: unnamed
    public int Candidates { get; }
    /// <summary>Distinct ballots after merging.</summary>
    public int Count => Weights.Length;
    /// <summary>Ballots counted, weights added (blank ones are not).</summary>
    public long Total { get; }
    /// <summary>Ballots that marked no candidate at all: left out of the count.</summary>
    public long Blank { get; }
    /// <summary>Ballots counted that exhaust before the first round (an overvote at the first marked rank).</summary>
    public long ExhaustedAtStart { get; }

    private RankedBallots(int candidates, int[] preferences, int[] starts, long[] weights, int[]?[] groups, long total, long blank, long exhaustedAtStart)
    {
        Groups = groups;
        Blank = blank;
        Candidates = candidates;
        Preferences = preferences;
        Starts = starts;
        Weights = weights;
        Total = total;
        ExhaustedAtStart = exhaustedAtStart;
    }

    /// <summary>Ballot b's preferences: candidates, or -1 - g for the overvote <see cref="Groups"/>[g].</summary>
    public ReadOnlySpan<int> Ranking(int ballot) => Preferences.AsSpan(Starts[ballot], Starts[ballot + 1] - Starts[ballot]);
    public long Weight(int ballot) => Weights[ballot];

    public static Builder Create(int candidates, RankingRules? rules = null) => new(candidates, rules ?? RankingRules.Default);

    public sealed class Builder
    {
        private readonly int _candidates;
        private readonly RankingRules _rules;
        private readonly Dictionary<Key, int> _index = new();
        private readonly Dictionary<ulong, int> _packed = new();   // rankings of up to 16 of candidates 1–15, 4 bits each: no array per ballot
        private readonly List<int> _preferences = [];
        private readonly List<int> _starts = [0];
        private readonly List<long> _weights = [];
        private readonly bool[] _seen;
        private readonly List<int> _scratch = [];
        private readonly List<int[]?> _groups = [];
        private readonly Dictionary<string, int> _groupIndex = new();
        private long _total, _exhausted, _blank;

        internal Builder(int candidates, RankingRules rules)
        {
            if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), "A count needs at least one candidate.");
            _candidates = candidates;
            _rules = rules;
            _seen = new bool[candidates];
        }

        /// <summary>
        /// Adds a ballot as marked: each rank a candidate (0-based), <see cref="Mark.Skipped"/> or <see cref="Mark.Overvote"/>;
        /// <paramref name="overvotes"/> names each overvote's candidates in order (null where the source did not say).
        /// </summary>
        public Builder Add(ReadOnlySpan<int> marks, long weight = 1, IReadOnlyList<int[]?>? overvotes = null)
        {
            if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), "A ballot's weight can't be negative.");
            if (weight == 0) return this;
            _scratch.Clear();
            Array.Clear(_seen);
            var skippedInRow = 0;
            var overvote = 0;
            var marked = false;
            foreach (var m in marks)
            {
                if (m == Mark.Overvote)
                {
                    var group = overvotes is not null && overvote < overvotes.Count ? overvotes[overvote] : null;
                    overvote++;
                    skippedInRow = 0;
                    if (_rules.Overvotes == Overvotes.PassOver) continue;
                    marked = true;
                    if (_rules.Overvotes == Overvotes.Exhaust || group is null) break;
                    _scratch.Add(-1 - Group(group));
                    continue;
                }
                if (m == Mark.Skipped)
                {
                    if (++skippedInRow >= 2 && _rules.Skipped == SkippedRanks.ExhaustAfterTwo) break;
                    continue;
                }
                if ((uint)m >= (uint)_candidates) throw new ArgumentOutOfRangeException(nameof(marks), $"Candidate {m + 1} is not one of the {_candidates}.");
                skippedInRow = 0;
                marked = true;
                if (_seen[m]) continue;
                _seen[m] = true;
                _scratch.Add(m);
            }
            if (!marked) { _blank = checked(_blank + weight); return this; }
            _total = checked(_total + weight);
            if (_scratch.Count == 0) { _exhausted += weight; return this; }
            if (Pack(_scratch) is { } packed)
            {
                if (_packed.TryGetValue(packed, out var found)) { _weights[found] += weight; return this; }
                _packed[packed] = _weights.Count;
            }
            else
            {
                var key = new Key(_scratch.ToArray());
                if (_index.TryGetValue(key, out var at)) { _weights[at] += weight; return this; }
                _index[key] = _weights.Count;
            }
            _preferences.AddRange(_scratch);
            _starts.Add(_preferences.Count);
            _weights.Add(weight);
            return this;
        }

        private static ulong? Pack(List<int> ranking)
        {
            if (ranking.Count > 16) return null;
            var key = 0UL;
            foreach (var c in ranking)
            {
                if (c < 0 || c >= 15) return null;
                key = (key << 4) | (uint)(c + 1);
            }
            return key;
        }

        private int Group(int[] candidates)
        {
            foreach (var c in candidates)
                if ((uint)c >= (uint)_candidates) throw new ArgumentOutOfRangeException(nameof(candidates), $"Candidate {c + 1} is not one of the {_candidates}.");
            var key = string.Join(',', candidates.Order());
            if (_groupIndex.TryGetValue(key, out var g)) return g;
            _groupIndex[key] = _groups.Count;
            _groups.Add([.. candidates.Order()]);
            return _groups.Count - 1;
        }

        public RankedBallots Build() => new(_candidates, [.. _preferences], [.. _starts], [.. _weights], [.. _groups], _total, _blank, _exhausted);
    }

    private readonly struct Key(int[] ranking) : IEquatable<Key>
    {
        private readonly int[] _ranking = ranking;
        public bool Equals(Key other) => _ranking.AsSpan().SequenceEqual(other._ranking);
        public override bool Equals(object? obj) => obj is Key k && Equals(k);
        public override int GetHashCode()
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_ranking.AsSpan()));
            return h.ToHashCode();
        }
    }
}
