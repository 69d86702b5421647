using System.Text;
using Grassroots.Opinion.Polis;
using static Grassroots.Tests.Opinion.Polis.PolisFiles;

namespace Grassroots.Tests.Opinion.Polis;

public sealed class PolisWriterTests
{
    private static readonly DateTimeOffset June18 = DateTimeOffset.FromUnixTimeMilliseconds(1403054214196);

    private static PolisConversation Sample() => new()
    {
        Comments =
        [
            new PolisComment(48, 215, "Businesses, small or large, \"shouldn't\" pay below\r\na livable wage.", PolisModeration.Accepted, June18, GroupInformedConsensus: 0.49707602339181284),
            new PolisComment(3, 0, "=1+1 is not a formula here", PolisModeration.ModeratedOut, June18.AddSeconds(5), IsMeta: true),
            new PolisComment(7, 9, " Seed, with spaces ", PolisModeration.Unmoderated, June18.AddDays(1), IsSeed: true),
        ],
        Votes =
        [
            new PolisVote(215, 48, 1, June18.AddMinutes(1)),
            new PolisVote(9, 48, -1, June18.AddMinutes(2)),
            new PolisVote(9, 3, 0, June18.AddMinutes(3)),
            new PolisVote(1_000_000, 48, 1, June18.AddMinutes(4)),
        ],
    };

    private static async Task<(string Comments, string Votes)> WriteAsync(PolisConversation conversation)
    {
        using var comments = new MemoryStream();
        using var votes = new MemoryStream();
        await PolisWriter.WriteAsync(conversation, comments, votes);
        return (Encoding.UTF8.GetString(comments.ToArray()), Encoding.UTF8.GetString(votes.ToArray()));
    }

    [Fact]
    public async Task Writes_the_newer_layout_with_millisecond_timestamps_and_Polis_datetime()
    {
        var (comments, votes) = await WriteAsync(Sample());

        Assert.Equal(
            "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,group-informed-consensus,comment-body\n"
            + "1403054219196,Wed Jun 18 01:16:59 UTC 2014,3,0,0,0,-1,true,false,,=1+1 is not a formula here\n"
            + "1403140614196,Thu Jun 19 01:16:54 UTC 2014,7,9,0,0,0,false,true,,\" Seed, with spaces \"\n"
            + "1403054214196,Wed Jun 18 01:16:54 UTC 2014,48,215,2,1,1,false,false,0.49707602339181284,"
            + "\"Businesses, small or large, \"\"shouldn't\"\" pay below\r\na livable wage.\"\n",
            comments);
        Assert.Equal(
            "timestamp,datetime,comment-id,voter-id,vote\n"
            + "1403054394196,Wed Jun 18 01:19:54 UTC 2014,3,9,0\n"
            + "1403054334196,Wed Jun 18 01:18:54 UTC 2014,48,9,-1\n"
            + "1403054274196,Wed Jun 18 01:17:54 UTC 2014,48,215,1\n"
            + "1403054454196,Wed Jun 18 01:20:54 UTC 2014,48,1000000,1\n",
            votes);
    }

    [Fact]
    public async Task What_is_written_reads_back_the_same()
    {
        var conversation = Sample();
        var (comments, votes) = await WriteAsync(conversation);

        var again = await ReadOkAsync(comments, votes);

        Assert.Equal(PolisCommentsLayout.Newer, again.CommentsLayout);
        Assert.Equal(conversation.Comments.OrderBy(c => c.Id), again.Comments);
        Assert.Equal(conversation.Votes.OrderBy(v => v.CommentId).ThenBy(v => v.VoterId), again.Votes);
    }

    [Fact]
    public async Task A_conversation_a_reader_would_refuse_is_not_written()
    {
        var sample = Sample();
        PolisConversation[] refused =
        [
            new() { Comments = [.. sample.Comments, sample.Comments[0] with { Body = "Same id" }], Votes = [] },
            new() { Comments = [sample.Comments[0] with { Body = " " }], Votes = [] },
            new() { Comments = sample.Comments, Votes = [new PolisVote(1, 99, 1, June18)] },
            new() { Comments = sample.Comments, Votes = [new PolisVote(1, 48, 2, June18)] },
        ];
        foreach (var conversation in refused)
            await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(conversation));
    }

    [Fact]
    public async Task A_folder_written_is_a_folder_the_reader_reads()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"polis-{Guid.NewGuid():N}");
        try
        {
            await PolisWriter.WriteDirectoryAsync(Sample(), folder);
            var result = await PolisReader.ReadDirectoryAsync(folder);
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal(3, result.Conversation.Comments.Count);
            Assert.Equal(4, result.Conversation.Votes.Count);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
