using System.Runtime.CompilerServices;
using Grassroots.Opinion.Polis;

namespace Grassroots.Tests.Opinion.Polis;

/// <summary>
/// Real public Pol.is conversations (compdemocracy/openData, CC BY 4.0; see Data/README.md). The expected numbers
/// were counted from the files with Python's csv module, independently of this reader.
/// </summary>
public sealed class PolisOpenDataTests
{
    private sealed record Expected(
        PolisCommentsLayout Layout,
        int Comments, int ModeratedOut, int Accepted, int Unmoderated, int BodiesWithLineBreaks, int Meta, int Seed,
        int VoteLines, int Votes, int Agrees, int Disagrees, int Passes, int Voters,
        int Participants, int InGroup0, int InGroup1, int Unclustered,
        (int Voter, int Comment, sbyte Value, long At) ChangedVote);

    private static readonly Dictionary<string, Expected> Conversations = new()
    {
        ["15-per-hour-seattle"] = new(PolisCommentsLayout.Older, 54, 23, 30, 1, 15, 0, 0,
            2_995, 2_872, 1_358, 922, 592, 339, 339, 99, 39, 201, (229, 0, 1, 1437166464818)),
        ["brexit-consensus"] = new(PolisCommentsLayout.Older, 50, 0, 50, 0, 0, 0, 0,
            5_312, 5_303, 2_685, 1_952, 666, 204, 204, 106, 91, 7, (101, 22, -1, 1500328125879)),
        ["bg2050-volunteers"] = new(PolisCommentsLayout.Newer, 371, 55, 316, 0, 4, 1, 25,
            14_341, 14_283, 10_006, 1_621, 2_656, 126, 126, 100, 8, 18, (11, 3, 0, 1726877601457)),
    };

    public static TheoryData<string> Names => [.. Conversations.Keys];

    [PolisOpenDataTheory]
    [MemberData(nameof(Names))]
    public async Task A_real_conversation_reads_with_the_counts_of_its_files(string name)
    {
        var e = Conversations[name];
        var result = await PolisReader.ReadDirectoryAsync(PolisOpenData.Conversation(name));
        Assert.True(result.Succeeded, result.Error?.ToString());
        var c = result.Conversation;

        Assert.Equal(e.Layout, c.CommentsLayout);
        Assert.Equal(e.Comments, c.Comments.Count);
        Assert.Equal(Enumerable.Range(0, e.Comments), c.Comments.Select(x => x.Id));   // ids 0..n-1 in these files, kept as they are
        Assert.Equal((e.ModeratedOut, e.Accepted, e.Unmoderated),
            (c.Comments.Count(x => x.Moderation == PolisModeration.ModeratedOut), c.Comments.Count(x => x.Moderation == PolisModeration.Accepted), c.Comments.Count(x => x.Moderation == PolisModeration.Unmoderated)));
        Assert.Equal(e.BodiesWithLineBreaks, c.Comments.Count(x => x.Body.Contains('\n')));
        Assert.Equal((e.Meta, e.Seed), (c.Comments.Count(x => x.IsMeta), c.Comments.Count(x => x.IsSeed)));

        Assert.Equal(e.Votes, c.Votes.Count);
        Assert.Equal(e.VoteLines - e.Votes, c.ReplacedVotes);
        Assert.Equal((e.Agrees, e.Disagrees, e.Passes), (c.Votes.Count(v => v.Value == 1), c.Votes.Count(v => v.Value == -1), c.Votes.Count(v => v.Value == 0)));
        Assert.Equal(e.Voters, c.Votes.Select(v => v.VoterId).Distinct().Count());
        var (voter, comment, value, at) = e.ChangedVote;
        Assert.Equal(new PolisVote(voter, comment, value, DateTimeOffset.FromUnixTimeMilliseconds(at)), Assert.Single(c.Votes, v => v.VoterId == voter && v.CommentId == comment));

        var participants = c.Participants!;
        Assert.Equal(e.Participants, participants.Count);
        Assert.Equal((e.InGroup0, e.InGroup1, e.Unclustered), (participants.Count(p => p.GroupId == 0), participants.Count(p => p.GroupId == 1), participants.Count(p => p.GroupId is null)));
        Assert.Equal(c.Votes.Select(v => v.VoterId).Distinct().Order(), participants.Select(p => p.Id));
    }

    [PolisOpenDataFact]
    public async Task Known_comments_read_as_written()
    {
        var seattle = (await PolisReader.ReadDirectoryAsync(PolisOpenData.Conversation("15-per-hour-seattle"))).Conversation!;
        var c48 = seattle.Comments.Single(c => c.Id == 48);
        Assert.Equal((215, PolisModeration.Accepted, DateTimeOffset.FromUnixTimeMilliseconds(1403067224363)), (c48.AuthorId, c48.Moderation, c48.Created));
        Assert.StartsWith("Businesses, small or large, shouldn't be able to pay workers anything below a livable wage.", c48.Body);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1542406176584), seattle.Comments.Single(c => c.Id == 53).Created);   // added four years on

        var bg = (await PolisReader.ReadDirectoryAsync(PolisOpenData.Conversation("bg2050-volunteers"))).Conversation!;
        Assert.Equal("I want BG to feel welcoming to all who come here, including those who may not feel welcome now\n", bg.Comments.Single(c => c.Id == 3).Body);
        Assert.Equal(0.43137254901960786, bg.Comments.Single(c => c.Id == 370).GroupInformedConsensus);
        Assert.True(bg.Comments.Single(c => c.Id == 12).IsMeta);
    }

    [PolisOpenDataTheory]
    [MemberData(nameof(Names))]
    public async Task A_real_conversation_written_and_read_again_is_the_same(string name)
    {
        var first = (await PolisReader.ReadDirectoryAsync(PolisOpenData.Conversation(name))).Conversation!;

        using var comments = new MemoryStream();
        using var votes = new MemoryStream();
        await PolisWriter.WriteAsync(first, comments, votes);
        comments.Position = votes.Position = 0;
        var result = await PolisReader.ReadAsync(new PolisExportFiles(comments, votes));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(first.Comments, result.Conversation.Comments);
        Assert.Equal(first.Votes, result.Conversation.Votes);
        Assert.Equal(0, result.Conversation.ReplacedVotes);

        // Written again, byte for byte the same files.
        using var comments2 = new MemoryStream();
        using var votes2 = new MemoryStream();
        await PolisWriter.WriteAsync(result.Conversation, comments2, votes2);
        Assert.Equal(comments.ToArray(), comments2.ToArray());
        Assert.Equal(votes.ToArray(), votes2.ToArray());
    }
}

/// <summary>
/// Where the real conversations are: GRASSROOTS_POLIS_OPENDATA (this test's Data folder, or a clone of
/// compdemocracy/openData, which has the same folders), else the Data folder next to this file, filled by
/// scripts/polis-opendata.sh. The files are not in the repository.
/// </summary>
internal static class PolisOpenData
{
    private const string Variable = "GRASSROOTS_POLIS_OPENDATA";

    public static string Folder => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : Path.Combine(SourceFolder(), "Data");

    public static string Conversation(string name) => Path.Combine(Folder, name);

    /// <summary>Why the tests are skipped, or null when they run: they run when the files are there, and always when the variable names a folder (then missing files fail them).</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || File.Exists(Path.Combine(Conversation("bg2050-volunteers"), "comments.csv"))
            ? null
            : $"The Pol.is open data is not here: run scripts/polis-opendata.sh (see {Path.Combine(Folder, "README.md")}) or set {Variable}.";

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

public sealed class PolisOpenDataFactAttribute : FactAttribute
{
    public PolisOpenDataFactAttribute() => Skip = PolisOpenData.SkipReason;
}

public sealed class PolisOpenDataTheoryAttribute : TheoryAttribute
{
    public PolisOpenDataTheoryAttribute() => Skip = PolisOpenData.SkipReason;
}
