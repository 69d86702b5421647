using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grassroots.Opinion.Polis;
using static Grassroots.Tests.Opinion.Polis.PolisFiles;

namespace Grassroots.Tests.Opinion.Polis;

/// <summary>Every malformed export gives the file, line and column of its first error, a message that says what to fix, and no conversation.</summary>
public sealed class PolisMalformedTests
{
    private const string C = PolisReader.CommentsFile, V = PolisReader.VotesFile, P = PolisReader.ParticipantsVotesFile, S = PolisReader.SummaryFile;
    private const string ParticipantsHeader = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n";

    public static TheoryData<string, string, string, string?, string?, string, int?, string?, string> Cases => new()
    {
        // case, comments.csv, votes.csv, participants-votes.csv, summary.csv, expected file, line, column, message template
        { "comments without comment-body", "timestamp,datetime,comment-id,author-id,moderated\n1,x,0,0,1\n", Votes, null, null, C, 1, "comment-body", PolisMessages.MissingColumn },
        { "votes without vote", TwoComments, "timestamp,datetime,comment-id,voter-id\n1,x,0,3\n", null, null, V, 1, "vote", PolisMessages.MissingColumn },
        { "participants without group-id", TwoComments, Votes, "participant,n-votes\n1,3\n", null, P, 1, "group-id", PolisMessages.MissingColumn },
        { "a JSON file for comments.csv", "{\"comments\": [{\"id\": 1, \"txt\": \"hello\"}]}\n", Votes, null, null, C, 1, "timestamp", PolisMessages.MissingColumn },
        { "votes.csv without its header line", TwoComments, "1403054214196,x,0,3,1\n", null, null, V, 1, "timestamp", PolisMessages.MissingColumn },
        { "a column twice", TwoComments, "timestamp,comment-id,voter-id,vote,vote\n1,0,3,1,1\n", null, null, V, 1, "vote", PolisMessages.DuplicateColumn },
        { "a comment id that is not a number", TwoComments + "5,x,abc,0,0,0,1,Three\n", Votes, null, null, C, 4, "comment-id", PolisMessages.NotId },
        { "a voter id with decimals", TwoComments, Votes + "5,x,0,3,1\n5,x,1,12.5,1\n", null, null, V, 3, "voter-id", PolisMessages.NotId },
        { "an id beyond 32 bits", TwoComments, Votes + "5,x,1,99999999999,1\n", null, null, V, 2, "voter-id", PolisMessages.NotId },
        { "an empty author id", TwoComments + "5,x,2,,0,0,1,Three\n", Votes, null, null, C, 4, "author-id", PolisMessages.EmptyId },
        { "a vote of 2", TwoComments, Votes + "5,x,0,3,1\n5,x,1,3,2\n", null, null, V, 3, "vote", PolisMessages.NotVote },
        { "a vote written as a word", TwoComments, Votes + "5,x,0,3,agree\n", null, null, V, 2, "vote", PolisMessages.NotVote },
        { "a vote on a comment comments.csv lacks", TwoComments, Votes + "5,x,0,3,1\n5,x,57,3,1\n", null, null, V, 3, "comment-id", PolisMessages.UnknownComment },
        { "an empty comment", TwoComments + "5,x,2,0,0,0,1,\n", Votes, null, null, C, 4, "comment-body", PolisMessages.EmptyBody },
        { "a comment of spaces and a line break", TwoComments + "5,x,2,0,0,0,1,\"  \n \"\n", Votes, null, null, C, 4, "comment-body", PolisMessages.EmptyBody },
        { "a comment id twice", TwoComments + "5,x,0,0,0,0,1,Again\n", Votes, null, null, C, 4, "comment-id", PolisMessages.DuplicateComment },
        { "a moderation state of 2", TwoComments + "5,x,2,0,0,0,2,Three\n", Votes, null, null, C, 4, "moderated", PolisMessages.NotModeration },
        { "a timestamp that is a date", TwoComments, Votes + "2014-06-18,x,0,3,1\n", null, null, V, 2, "timestamp", PolisMessages.NotTimestamp },
        { "a negative timestamp", TwoComments, Votes + "-5,x,0,3,1\n", null, null, V, 2, "timestamp", PolisMessages.NotTimestamp },
        { "is-meta that is not true or false", NewerComments + "1,0,0,0,0,1,maybe,false,,Hi\n", Votes, null, null, C, 2, "is-meta", PolisMessages.NotBoolean },
        { "a consensus that is not a number", NewerComments + "1,0,0,0,0,1,false,false,high,Hi\n", Votes, null, null, C, 2, "group-informed-consensus", PolisMessages.NotNumber },
        { "an empty comments.csv", "", Votes, null, null, C, 1, null, PolisMessages.EmptyFile },
        { "an empty votes.csv", TwoComments, "", null, null, V, 1, null, PolisMessages.EmptyFile },
        { "a line with a field too few", TwoComments, Votes + "5,x,0,3,1\n5,x,1,3\n", null, null, V, 3, null, PolisMessages.FieldCount },
        { "a vote line with a field too many", TwoComments, Votes + "5,x,0,3,1,1\n", null, null, V, 2, null, PolisMessages.FieldCount },
        { "a quote that never closes", TwoComments + "5,x,2,0,0,0,1,\"Three\n6,x,3,0,0,0,1,Four\n", Votes, null, null, C, 4, null, PolisMessages.UnclosedQuote },
        { "text after a closing quote", TwoComments + "5,x,2,0,0,0,1,\"Three\" and more\n", Votes, null, null, C, 4, null, PolisMessages.TextAfterQuote },
        { "a participant twice", TwoComments, Votes, ParticipantsHeader + "1,0,0,1,1,0,1,\n2,1,0,1,1,0,1,\n1,1,0,1,1,0,1,\n", null, P, 4, "participant", PolisMessages.DuplicateParticipant },
        { "a group id that is a letter", TwoComments, Votes, ParticipantsHeader + "1,a,0,1,1,0,1,\n", null, P, 2, "group-id", PolisMessages.NotId },
        { "a summary line of three fields", TwoComments, Votes, null, "topic,Wages\nurl,https://pol.is/2demo,extra\n", S, 2, null, PolisMessages.SummaryLine },
        // The first error wins: comments.csv is read before votes.csv, and a line before a later one.
        { "errors in both files", TwoComments + "5,x,x,0,0,0,1,Three\n", Votes + "5,x,0,x,1\n", null, null, C, 4, "comment-id", PolisMessages.NotId },
        { "a bad id before an unclosed quote further on", TwoComments + "5,x,x,0,0,0,1,Three\n6,x,3,0,0,0,1,\"Four\n7,x,4,0,0,0,1,Five\n", Votes, null, null, C, 4, "comment-id", PolisMessages.NotId },
        { "a bad id before bad quotes further on", TwoComments + "5,x,x,0,0,0,1,Three\n6,x,3,0,0,0,1,\"Four\" and more\n7,x,4,0,0,0,1,Five\n", Votes, null, null, C, 4, "comment-id", PolisMessages.NotId },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_export_names_file_line_and_column_of_its_first_error(
        string @case, string comments, string votes, string? participantsVotes, string? summary, string file, int? line, string? column, string template)
    {
        var error = await ReadErrorAsync(comments, votes, participantsVotes, summary);

        Assert.True((file, line, column, template) == (error.File, error.Line, error.Column, error.Template), $"{@case}: got {error}");
        Assert.DoesNotMatch(@"\{\d\}", error.Message);
    }

    [Fact]
    public async Task Messages_quote_the_bad_value_and_say_what_to_fix()
    {
        var error = await ReadErrorAsync(TwoComments, Votes + "5,x,0,3,2\n");
        Assert.Equal("votes.csv, line 2, column vote: \"2\" is not a vote: a vote is 1 (agree), -1 (disagree) or 0 (pass).", error.ToString());

        error = await ReadErrorAsync(TwoComments + "5,x,0,0,0,0,1,Again\n", Votes);
        Assert.Equal("Comment id 0 is already on line 2: each comment needs its own id.", error.Message);

        error = await ReadErrorAsync("timestamp,comment-id,author-id,moderated\n", Votes);
        Assert.Equal("The header line has no column \"comment-body\" (it names: timestamp, comment-id, author-id, moderated). "
            + "The first line must name the columns, as Pol.is writes it: " + PolisReader.CommentsHeader, error.Message);
    }

    [Fact]
    public async Task A_comment_longer_than_the_cap_says_the_cap()
    {
        var error = await ReadErrorAsync(TwoComments + $"5,x,2,0,0,0,1,{new string('x', 5_001)}\n", Votes);

        Assert.Equal((C, 4, "comment-body", PolisMessages.BodyTooLong), (error.File, error.Line, error.Column, error.Template));
        Assert.Equal("The comment has 5001 characters; the most an import takes is 5000. Shorten it or leave it out.", error.Message);

        error = await ReadErrorAsync(TwoComments + "5,x,2,0,0,0,1,Twenty-one characters\n", Votes, options: new PolisReadOptions { MaxBodyLength = 20 });
        Assert.Equal([21, 20], error.Arguments);
    }

    [Fact]
    public async Task A_huge_line_stops_the_read_at_the_cap()
    {
        // 3 MB in one field: an unclosed quote at the start of a big file reads like this.
        var huge = TwoComments + "5,x,2,0,0,0,1,\"" + new string('x', 3_000_000) + "\"\n";
        var error = await ReadErrorAsync(huge, Votes);

        Assert.Equal((C, 4, (string?)null, PolisMessages.LineTooLong), (error.File, error.Line, error.Column, error.Template));
        Assert.Equal([1 << 20], error.Arguments);

        error = await ReadErrorAsync(TwoComments, Votes + "5,x,0,3,1," + new string(',', 5_000) + "\n", options: new PolisReadOptions { MaxLineBytes = 4_096 });
        Assert.Equal((V, 2, PolisMessages.LineTooLong), (error.File, error.Line, error.Template));
    }

    [Fact]
    public async Task Row_caps_stop_the_read_at_the_first_row_past_them()
    {
        var options = new PolisReadOptions { MaxComments = 2, MaxVotes = 3, MaxParticipants = 1 };

        var error = await ReadErrorAsync(TwoComments + "5,x,2,0,0,0,1,Three\n", Votes, options: options);
        Assert.Equal((C, 4, PolisMessages.TooManyComments, "comments.csv has more than 2 comments, the most an import takes."), (error.File, error.Line, error.Template, error.Message));

        error = await ReadErrorAsync(TwoComments, Votes + "1,x,0,1,1\n2,x,0,1,1\n3,x,0,1,1\n4,x,0,1,1\n", options: options);
        Assert.Equal((V, 5, PolisMessages.TooManyVotes), (error.File, error.Line, error.Template));

        error = await ReadErrorAsync(TwoComments, Votes, ParticipantsHeader + "1,0,0,1,1,0,1,\n2,0,0,1,1,0,1,\n", options: options);
        Assert.Equal((P, 3, PolisMessages.TooManyParticipants), (error.File, error.Line, error.Template));
    }

    [Fact]
    public async Task A_file_that_is_not_text_is_named_as_such()
    {
        // A PNG, and a UTF-16 file without a byte order mark (every other byte NUL).
        byte[][] binaries = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], Encoding.Unicode.GetBytes(TwoComments)];
        foreach (var binary in binaries)
        {
            var result = await PolisReader.ReadAsync(new PolisExportFiles(new MemoryStream(binary), Utf8(Votes)));
            Assert.Equal((C, 1, PolisMessages.NotText), (result.Error?.File, result.Error?.Line, result.Error?.Template));
        }

        // Latin-1 text in a body: the line and the column of the bytes that are not UTF-8.
        var latin1 = Encoding.UTF8.GetBytes(TwoComments).Concat(Encoding.Latin1.GetBytes("5,x,2,0,0,0,1,Educación pública\n")).ToArray();
        var error = (await PolisReader.ReadAsync(new PolisExportFiles(new MemoryStream(latin1), Utf8(Votes)))).Error!;
        Assert.Equal((C, 4, "comment-body", PolisMessages.NotText), (error.File, error.Line, error.Column, error.Template));
    }

    [Fact]
    public void Every_message_is_listed()
    {
        // The host translates them with the English text as the key (its test checks its Spanish resources).
        var declared = typeof(PolisMessages).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(), PolisMessages.All.Order());
    }

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
