using System.Text;
using Grassroots.Opinion.Polis;

namespace Grassroots.Tests.Opinion.Polis;

/// <summary>Small exports written in the tests, with the headers of Pol.is' real files.</summary>
internal static class PolisFiles
{
    // As in compdemocracy/openData: the older layout (15-per-hour-seattle) and the newer one (bg2050-volunteers),
    // which has no datetime column.
    public const string OlderComments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n";
    public const string NewerComments = "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,group-informed-consensus,comment-body\n";
    public const string Votes = "timestamp,datetime,comment-id,voter-id,vote\n";

    /// <summary>Two comments (0 and 1) in the older layout, for tests about votes.csv.</summary>
    public const string TwoComments = OlderComments
        + "1403054214196,Wed Jun 18 08:16:54 WIB 2014,0,0,1,0,1,Raise it\n"
        + "1403054226371,Wed Jun 18 08:17:06 WIB 2014,1,0,0,1,1,Keep it\n";

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static Task<PolisReadResult> ReadAsync(string comments, string votes, string? participantsVotes = null, string? summary = null, PolisReadOptions? options = null) =>
        PolisReader.ReadAsync(new PolisExportFiles(Utf8(comments), Utf8(votes), participantsVotes is null ? null : Utf8(participantsVotes), summary is null ? null : Utf8(summary)), options);

    public static async Task<PolisConversation> ReadOkAsync(string comments, string votes, string? participantsVotes = null, string? summary = null)
    {
        var result = await ReadAsync(comments, votes, participantsVotes, summary);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Conversation;
    }

    public static async Task<PolisFormatError> ReadErrorAsync(string comments, string votes, string? participantsVotes = null, string? summary = null, PolisReadOptions? options = null)
    {
        var result = await ReadAsync(comments, votes, participantsVotes, summary, options);
        Assert.False(result.Succeeded, "the export was read without error");
        Assert.Null(result.Conversation);
        return result.Error;
    }
}
