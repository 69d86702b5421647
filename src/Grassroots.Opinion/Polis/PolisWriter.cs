using System.Globalization;
using CsvHelper;

namespace Grassroots.Opinion.Polis;

/// <summary>
/// Writes a conversation as Pol.is exports one: comments.csv in the newer layout and votes.csv, with timestamps in
/// milliseconds since 1970 and datetime as Pol.is' public exports write it (Java's Date.toString, in UTC here).
/// Readers that go by header name read either layout, so the newer one, with datetime kept, suits them all.
/// </summary>
public static class PolisWriter
{
    private static readonly string[] CommentsColumns =
        ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "is-meta", "is-seed", "group-informed-consensus", "comment-body"];

    private static readonly string[] VotesColumns = ["timestamp", "datetime", "comment-id", "voter-id", "vote"];

    // Pol.is writes LF line ends, and the text as it is: a comment that starts with "=" stays as written.
    private static readonly CsvWriterOptions Csv = new() { NewLine = "\n", Injection = CsvInjection.None };

    // For a spreadsheet: a comment that starts with = + - @ gets a ' in front, so Excel shows it rather than runs it.
    // Numbers are written as numbers and stay as they are.
    private static readonly CsvWriterOptions Spreadsheet = Csv with { Injection = CsvInjection.Escape };

    /// <summary>Writes comments.csv and votes.csv into a folder (created if needed), replacing files of those names.</summary>
    public static async Task WriteDirectoryAsync(PolisConversation conversation, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await using var comments = Create(PolisReader.CommentsFile);
        await using var votes = Create(PolisReader.VotesFile);
        await WriteAsync(conversation, comments, votes, cancellationToken: cancellationToken);

        FileStream Create(string name) => new(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    /// <summary>
    /// Writes comments.csv and votes.csv to streams the caller owns (left open). agrees and disagrees count the
    /// votes given; votes are written by comment id, then voter id, then time, as Pol.is orders them.
    /// </summary>
    /// <param name="forSpreadsheet">Escape comments a spreadsheet would run as formulas (Pol.is does not: its tools read such
    /// a file back with the ' kept).</param>
    /// <exception cref="ArgumentException">The conversation is not one a reader would take back: a comment id twice,
    /// an empty comment, a vote that is not -1, 0 or 1, or a vote on a comment that is not there.</exception>
    public static async Task WriteAsync(PolisConversation conversation, Stream commentsCsv, Stream votesCsv, bool forSpreadsheet = false, CancellationToken cancellationToken = default)
    {
        var options = forSpreadsheet ? Spreadsheet : Csv;
        ArgumentNullException.ThrowIfNull(conversation);
        var tally = new Dictionary<int, (int Agrees, int Disagrees)>();
        foreach (var c in conversation.Comments)
        {
            if (string.IsNullOrWhiteSpace(c.Body)) throw new ArgumentException($"Comment {c.Id} is empty.", nameof(conversation));
            if (!tally.TryAdd(c.Id, (0, 0))) throw new ArgumentException($"Comment id {c.Id} is there twice.", nameof(conversation));
        }
        foreach (var v in conversation.Votes)
        {
            if (v.Value is < -1 or > 1) throw new ArgumentException($"The vote of {v.VoterId} on {v.CommentId} is {v.Value}, not -1, 0 or 1.", nameof(conversation));
            if (!tally.TryGetValue(v.CommentId, out var t)) throw new ArgumentException($"A vote is on comment {v.CommentId}, which is not there.", nameof(conversation));
            tally[v.CommentId] = (t.Agrees + (v.Value == 1 ? 1 : 0), t.Disagrees + (v.Value == -1 ? 1 : 0));
        }

        await using (var w = CsvWriter.Create(commentsCsv, options, leaveOpen: true))
        {
            w.WriteHeader(CommentsColumns);
            foreach (var c in conversation.Comments.OrderBy(c => c.Id))
            {
                var (agrees, disagrees) = tally[c.Id];
                w.WriteField(c.Created.ToUnixTimeMilliseconds(), default, CultureInfo.InvariantCulture);
                w.WriteField(Datetime(c.Created));
                w.WriteField(c.Id, default, CultureInfo.InvariantCulture);
                w.WriteField(c.AuthorId, default, CultureInfo.InvariantCulture);
                w.WriteField(agrees, default, CultureInfo.InvariantCulture);
                w.WriteField(disagrees, default, CultureInfo.InvariantCulture);
                w.WriteField((int)c.Moderation, default, CultureInfo.InvariantCulture);
                w.WriteField(c.IsMeta ? "true" : "false");
                w.WriteField(c.IsSeed ? "true" : "false");
                w.WriteField(c.GroupInformedConsensus?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                w.WriteField(c.Body);
                await w.EndRecordAsync(cancellationToken);
            }
            await w.FlushAsync(cancellationToken);
        }

        await using (var w = CsvWriter.Create(votesCsv, options, leaveOpen: true))
        {
            w.WriteHeader(VotesColumns);
            foreach (var v in conversation.Votes.OrderBy(v => v.CommentId).ThenBy(v => v.VoterId).ThenBy(v => v.At))
            {
                w.WriteField(v.At.ToUnixTimeMilliseconds(), default, CultureInfo.InvariantCulture);
                w.WriteField(Datetime(v.At));
                w.WriteField(v.CommentId, default, CultureInfo.InvariantCulture);
                w.WriteField(v.VoterId, default, CultureInfo.InvariantCulture);
                w.WriteField(v.Value, default, CultureInfo.InvariantCulture);
                await w.EndRecordAsync(cancellationToken);
            }
            await w.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The datetime column as Pol.is' public exports write it, Java's Date.toString ("Wed Jun 18 08:16:54 WIB 2014",
    /// in the exporting server's zone); ours is in UTC. Readers take the time from timestamp, not from this.
    /// </summary>
    public static string Datetime(DateTimeOffset at) => at.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
