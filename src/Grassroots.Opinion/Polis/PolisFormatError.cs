using System.Globalization;

namespace Grassroots.Opinion.Polis;

/// <summary>
/// The first thing wrong in an export: which file, which line (1-based, as an editor counts lines, header included;
/// for a record spread over several lines, the line it starts on), which column (the header name) and what to fix.
/// <see cref="Template"/> is one of <see cref="PolisMessages"/>, in English, so a host can translate it with the
/// English text as the key and format it with <see cref="Arguments"/>.
/// </summary>
public sealed record PolisFormatError(string File, int? Line, string? Column, string Template, IReadOnlyList<object> Arguments)
{
    /// <summary>The message in English.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Template, [.. Arguments]);

    public override string ToString() =>
        File + (Line is { } line ? $", line {line}" : "") + (Column is { } column ? $", column {column}" : "") + ": " + Message;
}

/// <summary>The result of reading an export: the whole conversation, or the first error and nothing else.</summary>
public sealed class PolisReadResult
{
    private PolisReadResult(PolisConversation? conversation, IReadOnlyList<PolisFormatError> errors) => (Conversation, Errors) = (conversation, errors);

    public PolisConversation? Conversation { get; }
    /// <summary>The first problem of each file that has one, in the order the files are read (comments first).</summary>
    public IReadOnlyList<PolisFormatError> Errors { get; }
    public PolisFormatError? Error => Errors.Count > 0 ? Errors[0] : null;

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Conversation))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Conversation is not null;

    internal static PolisReadResult Success(PolisConversation conversation) => new(conversation, []);
    internal static PolisReadResult Failure(PolisFormatError error) => new(null, [error]);
    internal static PolisReadResult Failure(IReadOnlyList<PolisFormatError> errors) => new(null, errors);
}

/// <summary>
/// Every message a malformed export can get, in English with composite-format placeholders. They are the keys a
/// host translates (Spanish and the rest): keep them stable.
/// </summary>
public static class PolisMessages
{
    public const string MissingFile = "The export has no {0}: a Pol.is export holds comments.csv and votes.csv.";
    public const string EmptyFile = "The file is empty: it must start with a header line that names the columns ({0}).";
    public const string NotText = "This is not CSV text: it has bytes that are not UTF-8 text (a binary file, a spreadsheet, or text in another encoding). Save it as CSV in UTF-8.";
    public const string MissingColumn = "The header line has no column \"{0}\" (it names: {1}). The first line must name the columns, as Pol.is writes it: {2}";
    public const string DuplicateColumn = "The header line names the column \"{0}\" twice: keep one.";
    public const string LineTooLong = "This line is longer than {0} bytes, the most an import takes. (A quote that is never closed makes a line run on to the end of the file.)";
    public const string UnclosedQuote = "A quoted field starts on this line and its closing quote is missing, so the rest of the file would be part of it. Close the quote; inside a quoted field, write a quote as two quotes (\"\").";
    public const string TextAfterQuote = "Text follows the closing quote of a field. Inside a quoted field, write a quote as two quotes (\"\").";
    public const string FieldCount = "This line has {0} fields but the header line names {1} columns. A text that contains commas must be in double quotes.";
    public const string NotId = "\"{0}\" is not an id: write a whole number below 2147483648, in digits, as Pol.is does.";
    public const string EmptyId = "This field is empty: it must be an id (a whole number).";
    public const string NotTimestamp = "\"{0}\" is not a timestamp: write the time in milliseconds (or seconds) since 1970-01-01 UTC, as Pol.is does.";
    public const string NotVote = "\"{0}\" is not a vote: a vote is 1 (agree), -1 (disagree) or 0 (pass).";
    public const string NotModeration = "\"{0}\" is not a moderation state: write 1 (accepted), 0 (not moderated yet) or -1 (moderated out).";
    public const string NotBoolean = "\"{0}\" is not true or false.";
    public const string NotNumber = "\"{0}\" is not a number.";
    public const string EmptyBody = "The comment is empty: every comment needs its text.";
    public const string BodyTooLong = "The comment has {0} characters; the most an import takes is {1}. Shorten it or leave it out.";
    public const string DuplicateComment = "Comment id {0} is already on line {1}: each comment needs its own id.";
    public const string DuplicateParticipant = "Participant {0} is already on line {1}: each participant has one line.";
    public const string UnknownComment = "Comment {0} is not in comments.csv: every vote must be on a comment that comments.csv lists.";
    public const string TooManyComments = "comments.csv has more than {0} comments, the most an import takes.";
    public const string TooManyVotes = "votes.csv has more than {0} votes, the most an import takes.";
    public const string TooManyParticipants = "participants-votes.csv has more than {0} participants, the most an import takes.";
    public const string SummaryLine = "A line of summary.csv is a name and a value; this one has {0} fields.";

    /// <summary>Every message above, for a host's translation check.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MissingFile, EmptyFile, NotText, MissingColumn, DuplicateColumn, LineTooLong, UnclosedQuote, TextAfterQuote, FieldCount,
        NotId, EmptyId, NotTimestamp, NotVote, NotModeration, NotBoolean, NotNumber, EmptyBody, BodyTooLong,
        DuplicateComment, DuplicateParticipant, UnknownComment, TooManyComments, TooManyVotes, TooManyParticipants, SummaryLine,
    ];
}

/// <summary>
/// The caps an import enforces, so a hostile or mistaken upload cannot take the memory of the server: each one
/// ends the read with an error that names it. The defaults fit the largest public Pol.is conversations with room
/// to spare.
/// </summary>
public sealed class PolisReadOptions
{
    public static PolisReadOptions Default { get; } = new();

    /// <summary>Most comments in comments.csv.</summary>
    public int MaxComments { get; init; } = 100_000;

    /// <summary>Most lines in votes.csv, replaced votes included. Reading takes about 130 MB and one second per million lines (measured on 5 million).</summary>
    public int MaxVotes { get; init; } = 5_000_000;

    /// <summary>Most participants in participants-votes.csv.</summary>
    public int MaxParticipants { get; init; } = 1_000_000;

    /// <summary>Most characters in a comment (Pol.is' own cap has been 140 to 1,000; the hosts' statement cap may be lower).</summary>
    public int MaxBodyLength { get; init; } = 5_000;

    /// <summary>Most bytes in one line (a record, its quoted line breaks included); participants-votes.csv has a column per comment.</summary>
    public int MaxLineBytes { get; init; } = 1 << 20;
}
