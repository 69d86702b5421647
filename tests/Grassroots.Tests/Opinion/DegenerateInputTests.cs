using System.Text.Json;
using CsCheck;
using Grassroots.Opinion;

namespace Grassroots.Tests.Opinion;

public class DegenerateInputTests
{
    [Fact]
    public void No_votes_give_an_empty_map()
    {
        var map = Sound(OpinionMap.Compute([], null, null));

        Assert.Empty(map.Participants);
        Assert.Empty(map.Groups);
        Assert.Empty(map.ConsensusAgree);
        Assert.Equal(0, map.GroupCount);
        // and the empty state is a valid start for the next recompute
        Sound(OpinionMap.Compute([new Vote(1, 1, 1)], null, map.State));
    }

    [Fact]
    public void Every_statement_moderated_out_leaves_everyone_unplaced()
    {
        var votes = PlantedConversation.Make(2, 50, 10, seed: 1, minVotes: 10, maxVotes: 10).Votes;

        var map = Sound(OpinionMap.Compute(votes, votes.Select(v => v.Statement).ToHashSet(), null));

        Assert.Equal(50, map.Participants.Count);
        Assert.All(map.Participants, p => Assert.Equal((0.0, 0.0, (int?)null), (p.X, p.Y, p.Group)));
        Assert.Empty(map.Groups);
        Assert.Equal(0, map.GroupCount);
    }

    [Fact]
    public void One_statement_splits_those_who_agree_from_those_who_disagree()
    {
        var votes = Enumerable.Range(1, 30).Select(p => new Vote(p, 7, (sbyte)(p <= 20 ? 1 : -1))).ToList();

        var map = Sound(OpinionMap.Compute(votes, null, null));

        Assert.Equal(2, map.GroupCount);
        Assert.All(map.Participants, p => Assert.NotNull(p.Group));   // one statement: one vote is all of them
        var agreeing = map.Participants.Where(p => p.Participant <= 20).Select(p => p.Group).Distinct().Single();
        var disagreeing = map.Participants.Where(p => p.Participant > 20).Select(p => p.Group).Distinct().Single();
        Assert.NotEqual(agreeing, disagreeing);
        Assert.Equal(20, map.Groups.Single(g => g.Id == agreeing).Size);
    }

    [Fact]
    public void One_participant_is_one_group_at_the_origin()
    {
        var votes = Enumerable.Range(1, 9).Select(s => new Vote(42, s, (sbyte)(s % 3 - 1))).ToList();

        var map = Sound(OpinionMap.Compute(votes, null, null));

        var only = Assert.Single(map.Participants);
        Assert.Equal((42, 0.0, 0.0), (only.Participant, only.X, only.Y));
        var group = Assert.Single(map.Groups);
        Assert.Equal(1, group.Size);
        Assert.Equal(group.Id, only.Group);
        Assert.Equal(1, map.GroupCount);
    }

    [Fact]
    public void Everyone_agreeing_is_one_group_whose_consensus_is_everything()
    {
        var votes = (from p in Enumerable.Range(1, 30) from s in Enumerable.Range(1, 10) select new Vote(p, s, 1)).ToList();

        var map = Sound(OpinionMap.Compute(votes, null, null));

        var group = Assert.Single(map.Groups);
        Assert.Equal(30, group.Size);
        Assert.All(map.Participants, p => Assert.Equal((0.0, 0.0), (p.X, p.Y)));
        Assert.Equal(5, map.ConsensusAgree.Count);
        Assert.All(map.ConsensusAgree, c => Assert.Equal(31.0 / 32.0, c.Agree, 12));
        Assert.Empty(map.ConsensusDisagree);
        Assert.All(group.Representative, r => Assert.Equal(Stance.Agree, r.For));
    }

    [Fact]
    public void Everyone_passing_is_one_group_with_no_consensus_and_nothing_it_stands_for()
    {
        var votes = (from p in Enumerable.Range(1, 30) from s in Enumerable.Range(1, 10) select new Vote(p, s, 0)).ToList();

        var map = Sound(OpinionMap.Compute(votes, null, null));

        var group = Assert.Single(map.Groups);
        Assert.Equal(30, group.Size);
        Assert.Empty(map.ConsensusAgree);
        Assert.Empty(map.ConsensusDisagree);
        Assert.Empty(group.Representative);
    }

    [Fact]
    public void Fewer_participants_than_base_clusters_are_still_grouped()
    {
        var votes = new List<Vote>();
        for (var p = 1; p <= 5; p++)
            for (var s = 1; s <= 8; s++)
                votes.Add(new Vote(p, s, (sbyte)(s == p ? 0 : p <= 2 ? 1 : -1)));

        var map = Sound(OpinionMap.Compute(votes, null, null));

        Assert.Equal(2, map.GroupCount);
        Assert.Equal([2, 3], map.Groups.Select(g => g.Size).Order());
        Assert.Single(map.Participants.Where(p => p.Participant <= 2).Select(p => p.Group).Distinct());
    }

    [Fact]
    public void A_vote_value_other_than_minus_one_zero_or_one_counts_by_its_sign()
    {
        var odd = new List<Vote> { new(1, 1, 5), new(1, 2, -3), new(2, 1, -1), new(2, 2, 1) };
        var plain = new List<Vote> { new(1, 1, 1), new(1, 2, -1), new(2, 1, -1), new(2, 2, 1) };

        Assert.Equal(Json(OpinionMap.Compute(plain, null, null)), Json(OpinionMap.Compute(odd, null, null)));
    }

    /// <summary>Random small conversations recomputed three times over: never an exception, never a number JSON cannot hold.</summary>
    [Fact]
    public void Any_small_conversation_gives_a_sound_map_recompute_after_recompute()
    {
        var vote = Gen.Select(Gen.Int[1, 25], Gen.Int[1, 12], Gen.Int[-1, 1], (p, s, v) => new Vote(p, s, (sbyte)v));
        var batch = vote.Array[0, 120];
        Gen.Select(batch.Array[1, 3], Gen.Int[1, 12].Array[0, 4], Gen.Int[2, 5], Gen.Int[1, 4])
            .Sample((batches, moderated, maxGroups, patience) =>
            {
                var options = new OpinionMapOptions { MaxGroups = maxGroups, GroupCountPatience = patience };
                var votes = new List<Vote>();
                OpinionMapState? state = null;
                foreach (var b in batches)
                {
                    votes.AddRange(b);
                    var map = Sound(OpinionMap.Compute(votes, moderated.ToHashSet(), state, options));
                    var expectedParticipants = votes.Select(v => v.Participant).Distinct().Order();
                    Assert.Equal(expectedParticipants, map.Participants.Select(p => p.Participant));
                    Assert.True(map.GroupCount <= maxGroups);
                    Assert.Equal(map.Groups.Count, map.Groups.Select(g => g.Id).Distinct().Count());
                    Assert.All(map.Groups, g => Assert.Equal(map.Participants.Count(p => p.Group == g.Id), g.Size));
                    Assert.All(map.Groups, g => Assert.InRange(g.Id, 0, 2 * maxGroups));
                    Assert.All(map.Groups, g => Assert.All(g.Representative, r => Assert.DoesNotContain(r.Statement, moderated)));
                    // the state survives storage as JSON
                    state = JsonSerializer.Deserialize<OpinionMapState>(JsonSerializer.Serialize(map.State));
                }
            }, iter: 150);
    }

    internal static string Json(OpinionMapResult map) => JsonSerializer.Serialize(map);

    /// <summary>Everything finite, and the whole result serializable (System.Text.Json refuses NaN and infinities).</summary>
    internal static OpinionMapResult Sound(OpinionMapResult map)
    {
        Assert.All(map.Participants, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y)));
        Assert.All(map.Groups, g => Assert.True(double.IsFinite(g.X) && double.IsFinite(g.Y)));
        Assert.All(map.Groups.SelectMany(g => g.Representative), r =>
            Assert.True(new[] { r.Probability, r.ProbabilityZ, r.Representativeness, r.RepresentativenessZ }.All(double.IsFinite)));
        Assert.All(map.ConsensusAgree.Concat(map.ConsensusDisagree), c => Assert.True(double.IsFinite(c.Agree) && double.IsFinite(c.Disagree)));
        var json = Json(map);
        var back = JsonSerializer.Deserialize<OpinionMapResult>(json)!;
        Assert.Equal(json, Json(back));
        return map;
    }
}
