using Grassroots.Opinion;

namespace Grassroots.Tests.Opinion;

public class PlantedGroupsTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 1)]
    [InlineData(5, 2)]
    public void Planted_groups_are_recovered(int groups, int seed)
    {
        var conversation = PlantedConversation.Make(groups, participants: 1200, statements: 120, seed);

        var map = OpinionMap.Compute(conversation.Votes, null, null);

        Assert.Equal(groups, map.GroupCount);
        Assert.Equal(groups, map.Groups.Count);
        var clustered = map.Participants.Where(p => p.Group is not null).ToList();
        Assert.Equal(conversation.GroupOf.Count, clustered.Count);   // everyone cast at least 35 votes
        var ari = AdjustedRandIndex.Of(
            clustered.Select(p => conversation.GroupOf[p.Participant]).ToList(),
            clustered.Select(p => p.Group!.Value).ToList());
        Assert.True(ari >= 0.95, $"adjusted Rand index {ari:F3}");
        Assert.Equal(clustered.Count, map.Groups.Sum(g => g.Size));
        foreach (var g in map.Groups)
        {
            Assert.Equal(map.Participants.Count(p => p.Group == g.Id), g.Size);
            Assert.NotEmpty(g.Representative);
        }
    }

    [Fact]
    public void Group_centres_are_the_means_of_their_members()
    {
        var conversation = PlantedConversation.Make(3, 600, 80, seed: 7);

        var map = OpinionMap.Compute(conversation.Votes, null, null);

        foreach (var g in map.Groups)
        {
            var members = map.Participants.Where(p => p.Group == g.Id).ToList();
            Assert.Equal(members.Average(p => p.X), g.X, 9);
            Assert.Equal(members.Average(p => p.Y), g.Y, 9);
        }
    }

    [Fact]
    public void Sparse_participants_are_pushed_out_by_the_square_root_of_statements_over_votes()
    {
        // Two participants with the same opinion: one votes on all 40 statements, the other on 10 of them. The
        // projection scales each by sqrt(40 / votes cast), so the sparse voter is not pulled to the centre.
        var conversation = PlantedConversation.Make(2, 400, 40, seed: 3, minVotes: 40, maxVotes: 40);
        var full = conversation.Votes.Where(v => v.Participant == 1000).ToList();
        var sparse = full.Take(10).Select(v => v with { Participant = 1 }).ToList();
        var map = OpinionMap.Compute([.. conversation.Votes, .. sparse], null, null);

        var fullPoint = map.Participants.Single(p => p.Participant == 1000);
        var sparsePoint = map.Participants.Single(p => p.Participant == 1);
        var state = map.State;
        var statements = state.Statements.ToList();
        var means = conversation.Votes.Concat(sparse).GroupBy(v => v.Statement).ToDictionary(g => g.Key, g => g.Average(v => (double)v.Value));
        double Expected(IEnumerable<Vote> votes, double[] component, int cast) =>
            Math.Sqrt(40.0 / cast) * votes.Sum(v => (v.Value - means[v.Statement]) * component[statements.IndexOf(v.Statement)]);
        Assert.Equal(Expected(sparse, state.Component1, 10), sparsePoint.X, 9);
        Assert.Equal(Expected(sparse, state.Component2, 10), sparsePoint.Y, 9);
        Assert.Equal(Expected(full, state.Component1, 40), fullPoint.X, 9);
    }
}

public class MinimumGroupShareTests
{
    /// <summary>99 base clusters of one participant in a blob around the origin, and one far out at (50, 0).</summary>
    private static KMeans.Clustering BlobAndOutlier()
    {
        var random = new Random(4);
        var centers = Enumerable.Range(0, 99).Select(_ => new MapPoint(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1)).Append(new MapPoint(50, 0)).ToArray();
        return new KMeans.Clustering(centers, [], Enumerable.Repeat(1L, 100).ToArray());
    }

    [Fact]
    public void A_lone_far_out_participant_is_not_made_a_group()
    {
        var random = new SeededRandom(1);
        var choice = OpinionMap.ChooseGroups(BlobAndOutlier(), null, [], new OpinionMapOptions(), ref random, CancellationToken.None);

        Assert.All(choice.Sizes, size => Assert.True(size >= 2, $"a group of {size}"));   // 2% of 100
    }

    [Fact]
    public void Without_a_minimum_share_k_means_isolates_the_far_out_participant()
    {
        var random = new SeededRandom(1);
        var choice = OpinionMap.ChooseGroups(BlobAndOutlier(), null, [], new OpinionMapOptions { MinimumGroupShare = 0 }, ref random, CancellationToken.None);

        Assert.Contains(1L, choice.Sizes);
    }
}
