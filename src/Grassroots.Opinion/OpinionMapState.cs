namespace Grassroots.Opinion;

/// <summary>
/// What a recompute remembers for the next one: the components (to warm-start and keep the map from mirroring),
/// who is in the clustering (once in, always in), the base and group centres (warm starts), the k hysteresis, and
/// the published groups (to keep their ids). Its size grows with participants + statements, never with their
/// product. Stored by the app as JSON between recomputes; a state it cannot use is ignored, never an error.
/// </summary>
public sealed record OpinionMapState
{
    /// <summary>Bumped when the meaning of a field changes; an older state is then ignored.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Statement ids of the columns <see cref="Component1"/> and <see cref="Component2"/> are indexed by.</summary>
    public int[] Statements { get; init; } = [];
    public double[] Component1 { get; init; } = [];
    public double[] Component2 { get; init; } = [];

    /// <summary>Participants in the clustering, ascending.</summary>
    public int[] Clustered { get; init; } = [];

    public MapPoint[] BaseCenters { get; init; } = [];

    /// <summary>The group centres found for every k tried, so each k warm-starts from its own last clustering.</summary>
    public GroupClustering[] Clusterings { get; init; } = [];

    /// <summary>The k that won the last recompute, how many in a row it has won, and the k the map shows (0: none yet).</summary>
    public int LastBestK { get; init; }
    public int LastBestKWins { get; init; }
    public int ShownK { get; init; }

    /// <summary>The groups last shown, to match the next ones to by centre.</summary>
    public GroupCenter[] Groups { get; init; } = [];
}

public readonly record struct MapPoint(double X, double Y);

public sealed record GroupClustering(int K, MapPoint[] Centers);

public readonly record struct GroupCenter(int Id, double X, double Y);
