namespace Grassroots.Opinion;

/// <summary>
/// The knobs of <see cref="OpinionMap.Compute"/>. Defaults are Pol.is' own (polismath conversation.clj) unless a
/// comment says otherwise.
/// </summary>
public sealed record OpinionMapOptions
{
    /// <summary>A participant enters the clustering after voting on this many statements (or on all, if fewer), and stays in.</summary>
    public int MinimumVotes { get; init; } = 7;

    /// <summary>How many base clusters the participants are first grouped into (Pol.is: 100).</summary>
    public int BaseClusters { get; init; } = 100;

    /// <summary>The largest number of opinion groups tried (Pol.is: 5; it tries 2..min(5, 2 + base clusters / 12)).</summary>
    public int MaxGroups { get; init; } = 5;

    /// <summary>A new number of groups replaces the current one only after winning this many recomputes in a row (Pol.is: 4).</summary>
    public int GroupCountPatience { get; init; } = 4;

    /// <summary>
    /// The smallest share of the clustered participants a group may hold, when some number of groups allows it. Not in
    /// Pol.is: its k-means can make a group of one far-out participant (on one public conversation it did not, by the
    /// luck of its starting points; k-means++ found that lower-spread split).
    /// </summary>
    public double MinimumGroupShare { get; init; } = 0.02;

    /// <summary>At most this many representative statements per group (Pol.is: 5).</summary>
    public int RepresentativeCount { get; init; } = 5;

    /// <summary>At most this many consensus statements, for agreement and for disagreement each.</summary>
    public int ConsensusCount { get; init; } = 5;

    /// <summary>
    /// Power-iteration steps per component at most (Pol.is: 100). It stops sooner once the component no longer moves;
    /// warm-started from the previous components it usually takes a handful.
    /// </summary>
    public int PcaIterations { get; init; } = 100;

    /// <summary>k-means iterations at most, for base clusters and groups (Pol.is: 100 base, 100 group).</summary>
    public int KMeansIterations { get; init; } = 100;

    /// <summary>
    /// Seeded k-means++ starts tried for each group count besides the warm start; the clustering with the least
    /// weighted within-group spread wins. Pol.is warm-starts only; on 100 points the extra starts cost nothing and
    /// keep a poor first clustering from being carried forever.
    /// </summary>
    public int GroupRestarts { get; init; } = 8;

    /// <summary>Seed of every random choice (random start vectors, k-means++), so a recompute is reproducible.</summary>
    public ulong Seed { get; init; } = 0x6F70696E696F6E;

    internal void Validate()
    {
        if (MinimumVotes < 1) throw new ArgumentOutOfRangeException(nameof(MinimumVotes), MinimumVotes, "must be at least 1");
        if (BaseClusters < 1) throw new ArgumentOutOfRangeException(nameof(BaseClusters), BaseClusters, "must be at least 1");
        if (MaxGroups is < 2 or > 12) throw new ArgumentOutOfRangeException(nameof(MaxGroups), MaxGroups, "must be between 2 and 12");
        if (GroupCountPatience < 1) throw new ArgumentOutOfRangeException(nameof(GroupCountPatience), GroupCountPatience, "must be at least 1");
        if (RepresentativeCount < 0) throw new ArgumentOutOfRangeException(nameof(RepresentativeCount), RepresentativeCount, "must not be negative");
        if (ConsensusCount < 0) throw new ArgumentOutOfRangeException(nameof(ConsensusCount), ConsensusCount, "must not be negative");
        if (PcaIterations < 1) throw new ArgumentOutOfRangeException(nameof(PcaIterations), PcaIterations, "must be at least 1");
        if (KMeansIterations < 1) throw new ArgumentOutOfRangeException(nameof(KMeansIterations), KMeansIterations, "must be at least 1");
        if (MinimumGroupShare is < 0 or >= 0.5 || double.IsNaN(MinimumGroupShare)) throw new ArgumentOutOfRangeException(nameof(MinimumGroupShare), MinimumGroupShare, "must be at least 0 and below 0.5");
        if (GroupRestarts < 0) throw new ArgumentOutOfRangeException(nameof(GroupRestarts), GroupRestarts, "must not be negative");
    }
}
