namespace Grassroots.Features.Conversations;

/// <summary>Conversations' settings (section "Conversations").</summary>
public sealed class ConversationsOptions
{
    public const string Section = "Conversations";

    /// <summary>Statements one participant may write per hour in one conversation.</summary>
    public int StatementsPerHour { get; set; } = 10;
    /// <summary>The opinion map of a conversation is computed at most this often, however fast votes come.</summary>
    public TimeSpan RecomputeEvery { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The largest Pol.is upload the API and the import page take, all files together (the command line has no limit).</summary>
    public long ImportMaxBytes { get; set; } = PageUploadLimit;
    /// <summary>What the import page's request may carry before the options' cap is checked (set at compile time, as attributes are).</summary>
    public const long PageUploadLimit = 100 * 1024 * 1024;
    /// <summary>Most votes (lines of votes.csv) an import takes: reading takes about 130 MB per million.</summary>
    public int ImportMaxVotes { get; set; } = 1_000_000;
    /// <summary>Imports one member may make per day (each writes up to <see cref="ImportMaxVotes"/> rows).</summary>
    public int ImportsPerDay { get; set; } = 5;
    /// <summary>Most statements (comments.csv lines) an import takes.</summary>
    public int ImportMaxStatements { get; set; } = 100_000;
}
