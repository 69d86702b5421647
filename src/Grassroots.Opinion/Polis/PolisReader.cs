using System.Runtime.InteropServices;

namespace Grassroots.Opinion.Polis;

/// <summary>The files of one export, as streams the caller owns (they are read from their position and left open).</summary>
/// <param name="Comments">comments.csv.</param>
/// <param name="Votes">votes.csv.</param>
/// <param name="ParticipantsVotes">participants-votes.csv, if there is one: read for Pol.is' opinion group of each participant.</param>
/// <param name="Summary">summary.csv, if there is one: read for the topic and description.</param>
public sealed record PolisExportFiles(Stream Comments, Stream Votes, Stream? ParticipantsVotes = null, Stream? Summary = null);

/// <summary>
/// Reads a conversation in Pol.is' export format. Columns are found by header name (in any order, unknown ones
/// ignored), both layouts of comments.csv are read, and a voter's last vote on a comment is the one that counts.
/// The first problem ends the read: the result then holds only the error (file, line, column, what to fix), so a
/// caller never imports half a file.
/// </summary>
public static class PolisReader
{
    public const string CommentsFile = "comments.csv";
    public const string VotesFile = "votes.csv";
    public const string ParticipantsVotesFile = "participants-votes.csv";
    public const string SummaryFile = "summary.csv";

    internal const string CommentsHeader = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body";
    internal const string VotesHeader = "timestamp,datetime,comment-id,voter-id,vote";
    internal const string ParticipantsHeader = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,…";

    // A timestamp below this is in seconds: Pol.is' public exports write milliseconds since 1970, its web export
    // (reportExport) seconds. 10^11 ms is March 1973, before Pol.is; 10^11 s is the year 5138.
    private const long SecondsBelow = 100_000_000_000;

    /// <summary>Reads comments.csv and votes.csv from a folder, and participants-votes.csv and summary.csv when they are there.</summary>
    public static async Task<PolisReadResult> ReadDirectoryAsync(string directory, PolisReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        foreach (var required in new[] { CommentsFile, VotesFile })
            if (!File.Exists(Path.Combine(directory, required)))
                return PolisReadResult.Failure(new PolisFormatError(required, null, null, PolisMessages.MissingFile, [required]));

        await using var comments = Open(CommentsFile);
        await using var votes = Open(VotesFile);
        await using var participants = OpenIfThere(ParticipantsVotesFile);
        await using var summary = OpenIfThere(SummaryFile);
        return await ReadAsync(new PolisExportFiles(comments, votes, participants, summary), options, cancellationToken);

        FileStream Open(string name) => new(Path.Combine(directory, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        FileStream? OpenIfThere(string name) => File.Exists(Path.Combine(directory, name)) ? Open(name) : null;
    }

    /// <summary>
    /// Reads an export from streams: comments.csv first (votes are checked against it), then votes.csv, then the optional
    /// files. A file's first problem ends that file, not the read: each file is read, so one answer names what to fix in
    /// every file (votes.csv's statement ids are checked only against a comments.csv that read well).
    /// </summary>
    public static async Task<PolisReadResult> ReadAsync(PolisExportFiles files, PolisReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= PolisReadOptions.Default;
        var errors = new List<PolisFormatError>();
        var (comments, layout) = await Try(() => ReadCommentsAsync(files.Comments, options, cancellationToken));
        var (votes, replaced) = await Try(() => ReadVotesAsync(files.Votes, comments, options, cancellationToken));
        var participants = files.ParticipantsVotes is null ? null : await Try(() => ReadParticipantsAsync(files.ParticipantsVotes, options, cancellationToken));
        var summary = files.Summary is null ? null : await Try(() => ReadSummaryAsync(files.Summary, options, cancellationToken));
        if (errors.Count > 0) return PolisReadResult.Failure(errors);
        return PolisReadResult.Success(new PolisConversation
        {
            Comments = comments!,
            CommentsLayout = layout,
            Votes = votes!,
            ReplacedVotes = replaced,
            Participants = participants,
            Summary = summary,
        });

        async Task<T?> Try<T>(Func<Task<T>> read)
        {
            try { return await read(); }
            catch (PolisFormatException e) { errors.Add(e.Error); return default; }
        }
    }

    private static async Task<(List<PolisComment>, PolisCommentsLayout)> ReadCommentsAsync(Stream stream, PolisReadOptions options, CancellationToken cancellationToken)
    {
        await using var file = await PolisCsvFile.OpenAsync(CommentsFile, stream, options, CommentsHeader, cancellationToken);
        int Required(string name) => file.Column(name, required: true, CommentsHeader);
        int Optional(string name) => file.Column(name, required: false, CommentsHeader);
        var (timestamp, id, author, moderated, body) = (Required("timestamp"), Required("comment-id"), Required("author-id"), Required("moderated"), Required("comment-body"));
        var (isMeta, isSeed, consensus) = (Optional("is-meta"), Optional("is-seed"), Optional("group-informed-consensus"));
        var layout = isMeta >= 0 || isSeed >= 0 || consensus >= 0 ? PolisCommentsLayout.Newer : PolisCommentsLayout.Older;
        // Pol.is' web export of 2024 wrote comment-body, its last column, without quotes: commas in it split it.
        var bodyLast = body == file.Headers.Count - 1;

        var comments = new List<PolisComment>();
        var lines = new Dictionary<int, int>();
        while (await file.ReadAsync(lastColumnMayOverflow: bodyLast, cancellationToken))
        {
            if (comments.Count == options.MaxComments) throw file.Error(null, PolisMessages.TooManyComments, options.MaxComments);
            var commentId = Id(file, id);
            if (!lines.TryAdd(commentId, file.Line)) throw file.Error(file.Headers[id], PolisMessages.DuplicateComment, commentId, lines[commentId]);
            var text = bodyLast ? file.TextToEnd(body) : file.Text(body);
            if (string.IsNullOrWhiteSpace(text)) throw file.Error(file.Headers[body], PolisMessages.EmptyBody);
            if (text.Length > options.MaxBodyLength) throw file.Error(file.Headers[body], PolisMessages.BodyTooLong, text.Length, options.MaxBodyLength);
            comments.Add(new PolisComment(
                commentId,
                Id(file, author),
                text,
                Moderation(file, moderated),
                Timestamp(file, timestamp),
                isMeta >= 0 && Flag(file, isMeta),
                isSeed >= 0 && Flag(file, isSeed),
                consensus >= 0 ? Number(file, consensus) : null));
        }
        comments.Sort((a, b) => a.Id.CompareTo(b.Id));
        return (comments, layout);
    }

    private static async Task<(List<PolisVote>, int)> ReadVotesAsync(Stream stream, List<PolisComment>? comments, PolisReadOptions options, CancellationToken cancellationToken)
    {
        await using var file = await PolisCsvFile.OpenAsync(VotesFile, stream, options, VotesHeader, cancellationToken);
        int Required(string name) => file.Column(name, required: true, VotesHeader);
        var (timestamp, commentColumn, voterColumn, voteColumn) = (Required("timestamp"), Required("comment-id"), Required("voter-id"), Required("vote"));
        var known = comments?.Select(c => c.Id).ToHashSet();

        var raw = new List<RawVote>();
        while (await file.ReadAsync(lastColumnMayOverflow: false, cancellationToken))
        {
            if (raw.Count == options.MaxVotes) throw file.Error(null, PolisMessages.TooManyVotes, options.MaxVotes);
            var comment = Id(file, commentColumn);
            var voter = Id(file, voterColumn);
            if (!file.TryParse<int>(voteColumn, out var value) || value is < -1 or > 1)
                throw file.Error(file.Headers[voteColumn], PolisMessages.NotVote, PolisCsvFile.Shown(file.Text(voteColumn)));
            var at = Timestamp(file, timestamp);
            if (known is not null && !known.Contains(comment)) throw file.Error(file.Headers[commentColumn], PolisMessages.UnknownComment, comment);
            raw.Add(new RawVote(comment, voter, at.ToUnixTimeMilliseconds(), raw.Count, (sbyte)value));
        }

        // Sorted by comment, voter, time and file order, the last of each comment and voter is the vote that counts.
        var span = CollectionsMarshal.AsSpan(raw);
        span.Sort();
        var votes = new List<PolisVote>(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            ref var v = ref span[i];
            if (i + 1 < span.Length && span[i + 1].Comment == v.Comment && span[i + 1].Voter == v.Voter) continue;
            votes.Add(new PolisVote(v.Voter, v.Comment, v.Value, DateTimeOffset.FromUnixTimeMilliseconds(v.Milliseconds)));
        }
        return (votes, raw.Count - votes.Count);
    }

    private static async Task<List<PolisParticipant>> ReadParticipantsAsync(Stream stream, PolisReadOptions options, CancellationToken cancellationToken)
    {
        await using var file = await PolisCsvFile.OpenAsync(ParticipantsVotesFile, stream, options, ParticipantsHeader, cancellationToken);
        var participant = file.Column("participant", required: true, ParticipantsHeader);
        var group = file.Column("group-id", required: true, ParticipantsHeader);
        var xid = file.Column("xid", required: false, ParticipantsHeader);

        var participants = new List<PolisParticipant>();
        var lines = new Dictionary<int, int>();
        while (await file.ReadAsync(lastColumnMayOverflow: false, cancellationToken))
        {
            if (participants.Count == options.MaxParticipants) throw file.Error(null, PolisMessages.TooManyParticipants, options.MaxParticipants);
            var id = Id(file, participant);
            if (!lines.TryAdd(id, file.Line)) throw file.Error(file.Headers[participant], PolisMessages.DuplicateParticipant, id, lines[id]);
            int? groupId = file.IsEmpty(group) ? null : Id(file, group);
            var xidText = xid >= 0 && !file.IsEmpty(xid) ? file.Text(xid) : null;
            participants.Add(new PolisParticipant(id, groupId, xidText));
        }
        participants.Sort((a, b) => a.Id.CompareTo(b.Id));
        return participants;
    }

    private static async Task<PolisSummary> ReadSummaryAsync(Stream stream, PolisReadOptions options, CancellationToken cancellationToken)
    {
        await using var file = PolisCsvFile.OpenWithoutHeader(SummaryFile, stream, options);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await file.ReadAsync(lastColumnMayOverflow: false, cancellationToken))
        {
            if (file.FieldCount != 2) throw file.Error(null, PolisMessages.SummaryLine, file.FieldCount);
            values.TryAdd(file.Text(0).Trim(), file.Text(1));
        }
        return new PolisSummary(Value("topic"), Value("url"), Value("conversation-description"), values);

        string? Value(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
    }

    private static int Id(PolisCsvFile file, int column)
    {
        if (file.IsEmpty(column)) throw file.Error(file.Headers[column], PolisMessages.EmptyId);
        if (!file.TryParse<int>(column, out var id)) throw file.Error(file.Headers[column], PolisMessages.NotId, PolisCsvFile.Shown(file.Text(column)));
        return id;
    }

    private static DateTimeOffset Timestamp(PolisCsvFile file, int column)
    {
        if (!file.TryParse<long>(column, out var value) || value < 0 || (value >= SecondsBelow ? value : value * 1000) > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            throw file.Error(file.Headers[column], PolisMessages.NotTimestamp, PolisCsvFile.Shown(file.Text(column)));
        return DateTimeOffset.FromUnixTimeMilliseconds(value >= SecondsBelow ? value : value * 1000);
    }

    private static PolisModeration Moderation(PolisCsvFile file, int column) =>
        file.TryParse<int>(column, out var value) && value is >= -1 and <= 1
            ? (PolisModeration)value
            : throw file.Error(file.Headers[column], PolisMessages.NotModeration, PolisCsvFile.Shown(file.Text(column)));

    private static bool Flag(PolisCsvFile file, int column) =>
        file.IsEmpty(column) ? false
        : file.TryParse<bool>(column, out var value) ? value
        : throw file.Error(file.Headers[column], PolisMessages.NotBoolean, PolisCsvFile.Shown(file.Text(column)));

    private static double? Number(PolisCsvFile file, int column) =>
        file.IsEmpty(column) ? null
        : file.TryParse<double>(column, out var value) && double.IsFinite(value) ? value
        : throw file.Error(file.Headers[column], PolisMessages.NotNumber, PolisCsvFile.Shown(file.Text(column)));

    private readonly record struct RawVote(int Comment, int Voter, long Milliseconds, int Order, sbyte Value) : IComparable<RawVote>
    {
        public int CompareTo(RawVote other)
        {
            var c = Comment.CompareTo(other.Comment);
            if (c != 0) return c;
            c = Voter.CompareTo(other.Voter);
            if (c != 0) return c;
            c = Milliseconds.CompareTo(other.Milliseconds);
            return c != 0 ? c : Order.CompareTo(other.Order);
        }
    }
}
