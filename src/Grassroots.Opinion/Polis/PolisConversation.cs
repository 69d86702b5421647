namespace Grassroots.Opinion.Polis;

/// <summary>
/// A conversation as Pol.is exports it (comments.csv, votes.csv, and participants-votes.csv / summary.csv when
/// present), with the ids as they are in the files. Plain data: the host maps it to its own statements and votes.
/// </summary>
public sealed class PolisConversation
{
    /// <summary>Every comment of comments.csv, moderated-out ones included, in id order.</summary>
    public required IReadOnlyList<PolisComment> Comments { get; init; }

    /// <summary>
    /// One vote per voter and comment: the voter's last (latest timestamp; of equal timestamps, the later line),
    /// ordered by comment id, then voter id, as Pol.is orders votes.csv.
    /// </summary>
    public required IReadOnlyList<PolisVote> Votes { get; init; }

    /// <summary>How many lines of votes.csv were earlier votes that a later vote of the same voter on the same comment replaced.</summary>
    public int ReplacedVotes { get; init; }

    /// <summary>Which layout comments.csv had.</summary>
    public PolisCommentsLayout CommentsLayout { get; init; }

    /// <summary>participants-votes.csv's participants with the opinion group Pol.is put them in; null without that file.</summary>
    public IReadOnlyList<PolisParticipant>? Participants { get; init; }

    /// <summary>summary.csv (topic, url, description, counts); null without that file.</summary>
    public PolisSummary? Summary { get; init; }
}

/// <summary>A comment (a statement) of comments.csv.</summary>
/// <param name="Id">comment-id, as in the file.</param>
/// <param name="AuthorId">author-id: the participant id of its author, the same id space as votes' voter-id.</param>
/// <param name="Body">comment-body, exactly as written (line breaks and surrounding spaces kept).</param>
/// <param name="Moderation">moderated: 1 accepted, 0 not moderated yet, -1 moderated out.</param>
/// <param name="Created">timestamp, in UTC.</param>
/// <param name="IsMeta">is-meta (newer layout): a comment about the conversation itself, which Pol.is leaves out of its math; false when the file has no such column.</param>
/// <param name="IsSeed">is-seed (newer layout): written by the conversation's owner to start it off; false when the file has no such column.</param>
/// <param name="GroupInformedConsensus">group-informed-consensus (newer layout): Pol.is' own consensus score, kept to compare with ours; null when absent or empty.</param>
public sealed record PolisComment(
    int Id,
    int AuthorId,
    string Body,
    PolisModeration Moderation,
    DateTimeOffset Created,
    bool IsMeta = false,
    bool IsSeed = false,
    double? GroupInformedConsensus = null);

/// <summary>A vote of votes.csv.</summary>
/// <param name="VoterId">voter-id, as in the file.</param>
/// <param name="CommentId">comment-id: a comment of comments.csv.</param>
/// <param name="Value">vote: 1 agree, -1 disagree, 0 pass.</param>
/// <param name="At">timestamp, in UTC.</param>
public readonly record struct PolisVote(int VoterId, int CommentId, sbyte Value, DateTimeOffset At);

/// <summary>A row of participants-votes.csv: a participant and the opinion group Pol.is put them in.</summary>
/// <param name="Id">participant: the voter-id of votes.csv.</param>
/// <param name="GroupId">group-id: Pol.is' group (0, 1, …), or null for a participant Pol.is did not cluster (too few votes).</param>
/// <param name="Xid">xid: the id an embedding site gave the participant, in newer exports; null when absent or empty.</param>
public sealed record PolisParticipant(int Id, int? GroupId, string? Xid);

/// <summary>summary.csv: lines of a name and a value.</summary>
/// <param name="Topic">topic: the conversation's question.</param>
/// <param name="Url">url: where it ran (https://pol.is/…).</param>
/// <param name="Description">conversation-description.</param>
/// <param name="Values">Every line by name (views, voters, voters-in-conv, commenters, comments, groups, …), as written.</param>
public sealed record PolisSummary(string? Topic, string? Url, string? Description, IReadOnlyDictionary<string, string> Values);

/// <summary>comments.csv's moderated column.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PolisModeration>))]
public enum PolisModeration : sbyte
{
    ModeratedOut = -1,
    Unmoderated = 0,
    Accepted = 1,
}

/// <summary>The two layouts of comments.csv in Pol.is' public exports.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PolisCommentsLayout>))]
public enum PolisCommentsLayout
{
    /// <summary>timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body.</summary>
    Older,

    /// <summary>Adds is-meta, is-seed and group-informed-consensus (and real exports of this layout leave out datetime).</summary>
    Newer,
}
