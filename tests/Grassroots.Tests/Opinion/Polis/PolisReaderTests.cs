using System.Text;
using Grassroots.Opinion.Polis;
using static Grassroots.Tests.Opinion.Polis.PolisFiles;

namespace Grassroots.Tests.Opinion.Polis;

public sealed class PolisReaderTests
{
    [Fact]
    public async Task The_older_layout_is_read_by_header_name_with_ids_as_in_the_file()
    {
        var conversation = await ReadOkAsync(
            OlderComments
            + "1542406176584,Sat Nov 17 05:09:36 WIB 2018,53,6172,1,0,0,Not sure I believe any of this...\n"
            + "1403067224363,Wed Jun 18 11:53:44 WIB 2014,48,215,38,18,1,\"Businesses, small or large, shouldn't pay below a livable wage.\"\n"
            + "1403058993627,Wed Jun 18 09:36:33 WIB 2014,36,85,53,30,-1,It's just going to speed up the adoption of robotics.\n",
            Votes + "1403054214196,Wed Jun 18 08:16:54 WIB 2014,48,6172,-1\n");

        Assert.Equal(PolisCommentsLayout.Older, conversation.CommentsLayout);
        Assert.Equal([36, 48, 53], conversation.Comments.Select(c => c.Id));
        var c48 = conversation.Comments[1];
        Assert.Equal(new PolisComment(48, 215, "Businesses, small or large, shouldn't pay below a livable wage.", PolisModeration.Accepted,
            DateTimeOffset.FromUnixTimeMilliseconds(1403067224363)), c48);
        Assert.Equal(PolisModeration.ModeratedOut, conversation.Comments[0].Moderation);
        Assert.Equal(PolisModeration.Unmoderated, conversation.Comments[2].Moderation);
        Assert.Equal(new PolisVote(6172, 48, -1, DateTimeOffset.FromUnixTimeMilliseconds(1403054214196)), Assert.Single(conversation.Votes));
        Assert.Null(conversation.Participants);
        Assert.Null(conversation.Summary);
    }

    [Fact]
    public async Task The_newer_layout_without_datetime_gives_meta_seed_and_consensus()
    {
        var conversation = await ReadOkAsync(
            NewerComments
            + "1726860676783,2,0,57,0,1,false,true,0.6839080459770114,I hope it can retain its southern hospitality\n"
            + "1726860685220,3,0,56,1,1,false,true,0.49707602339181284,\"I want BG to feel welcoming to all who come here\n\"\n"
            + "1726861000000,12,7,3,3,-1,true,false,,I have lived in BG all my life.\n",
            Votes);

        Assert.Equal(PolisCommentsLayout.Newer, conversation.CommentsLayout);
        Assert.Equal(new PolisComment(2, 0, "I hope it can retain its southern hospitality", PolisModeration.Accepted,
            DateTimeOffset.FromUnixTimeMilliseconds(1726860676783), IsMeta: false, IsSeed: true, GroupInformedConsensus: 0.6839080459770114), conversation.Comments[0]);
        Assert.Equal("I want BG to feel welcoming to all who come here\n", conversation.Comments[1].Body);
        var meta = conversation.Comments[2];
        Assert.True(meta.IsMeta);
        Assert.False(meta.IsSeed);
        Assert.Null(meta.GroupInformedConsensus);
        Assert.Empty(conversation.Votes);
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_and_unknown_ones_are_ignored()
    {
        var conversation = await ReadOkAsync(
            "comment-body,velocity,moderated,author-id,comment-id,timestamp\n\"Fund the library\",0.5,1,4,9,1500282615559\n",
            "vote,voter-id,lang,comment-id,timestamp\n1,3,en,9,1500282615560\n");

        Assert.Equal(new PolisComment(9, 4, "Fund the library", PolisModeration.Accepted, DateTimeOffset.FromUnixTimeMilliseconds(1500282615559)), Assert.Single(conversation.Comments));
        Assert.Equal(new PolisVote(3, 9, 1, DateTimeOffset.FromUnixTimeMilliseconds(1500282615560)), Assert.Single(conversation.Votes));
    }

    [Fact]
    public async Task A_voters_last_vote_counts_by_timestamp_whatever_the_line_order()
    {
        var conversation = await ReadOkAsync(TwoComments,
            Votes
            + "1437166464818,x,0,229,1\n"      // latest: counts
            + "1407387151040,x,0,229,-1\n"
            + "1437166464714,x,0,229,-1\n"
            + "1407387151040,x,1,229,0\n"
            + "1407387151041,x,0,7,-1\n");

        Assert.Equal(
            [new PolisVote(7, 0, -1, DateTimeOffset.FromUnixTimeMilliseconds(1407387151041)),
             new PolisVote(229, 0, 1, DateTimeOffset.FromUnixTimeMilliseconds(1437166464818)),
             new PolisVote(229, 1, 0, DateTimeOffset.FromUnixTimeMilliseconds(1407387151040))],
            conversation.Votes);
        Assert.Equal(2, conversation.ReplacedVotes);
    }

    [Fact]
    public async Task Of_votes_with_the_same_timestamp_the_later_line_counts()
    {
        var conversation = await ReadOkAsync(TwoComments,
            Votes + "1500000000,x,0,5,1\n1500000000,x,0,5,-1\n1500000000,x,0,5,0\n1500000000,x,1,5,0\n1500000000,x,1,5,1\n");

        Assert.Equal([(0, (sbyte)0), (1, (sbyte)1)], conversation.Votes.Select(v => (v.CommentId, v.Value)));
        Assert.Equal(3, conversation.ReplacedVotes);
    }

    [Fact]
    public async Task Timestamps_in_seconds_as_Polis_web_export_writes_them_are_read_too()
    {
        // reportExport writes Math.floor(ms / 1000) and JavaScript's Date.toString().
        var conversation = await ReadOkAsync(
            OlderComments + "1726860676,Fri Sep 20 2024 14:31:16 GMT-0500 (Central Daylight Time),0,0,1,0,1,Keep the parks\n",
            Votes + "1726860583,Fri Sep 20 2024 14:29:43 GMT-0500 (Central Daylight Time),0,1,1\n");

        Assert.Equal(new DateTimeOffset(2024, 9, 20, 19, 31, 16, TimeSpan.Zero), conversation.Comments[0].Created);
        Assert.Equal(new DateTimeOffset(2024, 9, 20, 19, 29, 43, TimeSpan.Zero), conversation.Votes[0].At);
    }

    [Fact]
    public async Task Quoted_bodies_keep_commas_line_breaks_and_quotes_and_line_numbers_count_them()
    {
        var conversation = await ReadOkAsync(
            OlderComments
            + "1,x,0,0,0,0,1,\"Taxes, fees, and \"\"tolls\"\"\r\nall of them\"\n"
            + "2,x,1,0,0,0,1,\" spaces kept \"\n",
            Votes + "3,x,0,1,1\n");

        Assert.Equal("Taxes, fees, and \"tolls\"\r\nall of them", conversation.Comments[0].Body);
        Assert.Equal(" spaces kept ", conversation.Comments[1].Body);

        // The vote on line 2 is on comment 7, which is not there: the line is that of votes.csv, not shifted by
        // the line break inside comments.csv's quotes.
        var error = await ReadErrorAsync(
            OlderComments + "1,x,0,0,0,0,1,\"two\nlines\"\n2,x,1,0,0,0,1,one line\n",
            Votes + "3,x,0,1,1\n3,x,7,1,1\n");
        Assert.Equal((PolisReader.VotesFile, 3, "comment-id"), (error.File, error.Line, error.Column));

        error = await ReadErrorAsync(
            OlderComments + "1,x,0,0,0,0,1,\"two\nlines\"\n2,x,0,0,0,0,1,duplicate id on line 4\n",
            Votes);
        Assert.Equal((PolisReader.CommentsFile, 4, "comment-id"), (error.File, error.Line, error.Column));
    }

    [Fact]
    public async Task A_byte_order_mark_and_CRLF_line_ends_are_read_as_Excel_saves_them()
    {
        var bom = Encoding.UTF8.GetPreamble();
        var comments = bom.Concat(Encoding.UTF8.GetBytes(TwoComments.Replace("\n", "\r\n"))).ToArray();
        var votes = bom.Concat(Encoding.UTF8.GetBytes((Votes + "5,x,1,3,-1\n").Replace("\n", "\r\n"))).ToArray();

        var result = await PolisReader.ReadAsync(new PolisExportFiles(new MemoryStream(comments), new MemoryStream(votes)));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Raise it", "Keep it"], result.Conversation.Comments.Select(c => c.Body));
        Assert.Equal(new PolisVote(3, 1, -1, DateTimeOffset.FromUnixTimeSeconds(5)), Assert.Single(result.Conversation.Votes));
    }

    [Fact]
    public async Task An_unquoted_body_with_commas_in_the_last_column_is_read_whole()
    {
        // Pol.is' web export of 2024 wrote comment-body without quotes; a stray quote inside is text too.
        var conversation = await ReadOkAsync(
            OlderComments + "1726860676,Fri Sep 20 2024,0,0,1,0,1,Parks, trails, and a \"real\" downtown\n",
            Votes);

        Assert.Equal("Parks, trails, and a \"real\" downtown", Assert.Single(conversation.Comments).Body);
    }

    [Fact]
    public async Task Participants_votes_gives_Polis_group_of_each_participant()
    {
        var conversation = await ReadOkAsync(TwoComments, Votes + "1,x,0,0,1\n1,x,0,1,-1\n1,x,1,3,0\n",
            "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n"
            + "3,,,0,1,0,0,,0\n"
            + "0,abc-1,0,1,1,1,0,1,\n"
            + "1,,1,0,1,0,1,-1,\n");

        Assert.Equal([new PolisParticipant(0, 0, "abc-1"), new PolisParticipant(1, 1, null), new PolisParticipant(3, null, null)], conversation.Participants);
    }

    [Fact]
    public async Task Summary_gives_topic_url_and_a_description_over_several_lines()
    {
        var conversation = await ReadOkAsync(TwoComments, Votes, summary:
            "topic,\"Together, we'll build the BG of 2050.\"\nurl,https://pol.is/3nemnipcrc\nviews,126\nvoters,126\n"
            + "conversation-description,\"In the next 25 years, our community will nearly double in size.\n\nWhat would you want to see?\"\n");

        var summary = conversation.Summary!;
        Assert.Equal("Together, we'll build the BG of 2050.", summary.Topic);
        Assert.Equal("https://pol.is/3nemnipcrc", summary.Url);
        Assert.Equal("In the next 25 years, our community will nearly double in size.\n\nWhat would you want to see?", summary.Description);
        Assert.Equal("126", summary.Values["voters"]);
    }

    [Fact]
    public async Task A_folder_is_read_with_its_optional_files()
    {
        var folder = Directory.CreateTempSubdirectory("polis-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "comments.csv"), TwoComments);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "votes.csv"), Votes + "1,x,0,4,1\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "summary.csv"), "topic,Minimum wage\n");

            var result = await PolisReader.ReadDirectoryAsync(folder.FullName);

            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal(2, result.Conversation.Comments.Count);
            Assert.Single(result.Conversation.Votes);
            Assert.Null(result.Conversation.Participants);
            Assert.Equal("Minimum wage", result.Conversation.Summary?.Topic);

            File.Delete(Path.Combine(folder.FullName, "votes.csv"));
            var missing = (await PolisReader.ReadDirectoryAsync(folder.FullName)).Error!;
            Assert.Equal(("votes.csv", (int?)null, (string?)null, PolisMessages.MissingFile), (missing.File, missing.Line, missing.Column, missing.Template));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_comment_as_long_as_the_cap_is_read()
    {
        var body = new string('x', 300);
        var result = await ReadAsync(OlderComments + $"1,x,0,0,0,0,1,{body}\n", Votes, options: new PolisReadOptions { MaxBodyLength = 300 });
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(body, result.Conversation.Comments[0].Body);
    }
}
