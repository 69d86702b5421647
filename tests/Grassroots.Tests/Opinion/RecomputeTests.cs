using System.Text.Json;
using CsCheck;
using Grassroots.Opinion;
using static Grassroots.Tests.Opinion.DegenerateInputTests;

namespace Grassroots.Tests.Opinion;

/// <summary>What carries from one recompute to the next, and what must not change the result.</summary>
public class RecomputeTests
{
    private static readonly PlantedConversation Three = PlantedConversation.Make(3, 600, 60, seed: 11);
    private static readonly PlantedConversation Two = PlantedConversation.Make(2, 600, 60, seed: 12);
    private static readonly PlantedConversation Four = PlantedConversation.Make(4, 1200, 100, seed: 13);

    [Fact]
    public void A_new_group_count_is_shown_only_after_winning_the_configured_number_of_recomputes_in_a_row()
    {
        var state = OpinionMap.Compute(Three.Votes, null, null).State;
        Assert.Equal(3, state.ShownK);

        var shown = new List<int>();
        foreach (var votes in new[] { Two, Two, Three, Two, Two, Two, Two }.Select(c => c.Votes))
        {
            var map = OpinionMap.Compute(votes, null, state);
            shown.Add(map.GroupCount);
            state = map.State;
        }

        // 2 wins twice, 3 interrupts (the count starts again), then 2 must win four times in a row (Pol.is' buffer).
        Assert.Equal([3, 3, 3, 3, 3, 3, 2], shown);
    }

    [Fact]
    public void With_a_patience_of_one_the_best_group_count_is_shown_at_once()
    {
        var options = new OpinionMapOptions { GroupCountPatience = 1 };
        var state = OpinionMap.Compute(Three.Votes, null, null, options).State;

        Assert.Equal(2, OpinionMap.Compute(Two.Votes, null, state, options).GroupCount);
    }

    [Fact]
    public void Group_ids_follow_the_groups_as_votes_arrive()
    {
        // The first 900 participants vote, then 300 more join: almost everyone keeps their group id.
        var early = Four.Votes.Where(v => v.Participant < 1900).ToList();
        var before = OpinionMap.Compute(early, null, null);
        var after = OpinionMap.Compute(Four.Votes, null, before.State);

        Assert.Equal(before.Groups.Select(g => g.Id), after.Groups.Select(g => g.Id));
        var was = before.Participants.ToDictionary(p => p.Participant, p => p.Group);
        var kept = after.Participants.Count(p => was.TryGetValue(p.Participant, out var g) && g == p.Group);
        Assert.True(kept >= 0.97 * was.Count, $"{kept} of {was.Count} kept their group id");
    }

    [Fact]
    public void Group_ids_come_from_the_previous_groups_by_centre()
    {
        var first = OpinionMap.Compute(Four.Votes, null, null);
        // The same groups remembered under other ids: the recompute must take those ids.
        var renamed = first.State with { Groups = first.State.Groups.Select(g => g with { Id = (g.Id + 1) % 4 }).ToArray() };

        var second = OpinionMap.Compute(Four.Votes, null, renamed);

        Assert.All(second.Participants, p => Assert.Equal((first.Participants.Single(q => q.Participant == p.Participant).Group + 1) % 4, p.Group));
    }

    [Fact]
    public void Group_ids_survive_a_turn_of_the_axes()
    {
        var first = OpinionMap.Compute(Four.Votes, null, null);
        // The same map drawn with its axes swapped (as when the first two eigenvalues trade places): components,
        // centres and all. The new map's axes are the principal ones again; the groups must keep their ids.
        static MapPoint Swap(MapPoint p) => new(p.Y, p.X);
        var s = first.State;
        var swapped = s with
        {
            Component1 = s.Component2,
            Component2 = s.Component1,
            BaseCenters = s.BaseCenters.Select(Swap).ToArray(),
            Clusterings = s.Clusterings.Select(c => c with { Centers = c.Centers.Select(Swap).ToArray() }).ToArray(),
            Groups = s.Groups.Select(g => g with { X = g.Y, Y = g.X }).ToArray(),
        };

        var second = OpinionMap.Compute(Four.Votes, null, swapped);

        var was = first.Participants.ToDictionary(p => p.Participant, p => p.Group);
        Assert.All(second.Participants, p => Assert.Equal(was[p.Participant], p.Group));
    }

    [Fact]
    public void The_map_does_not_mirror_between_recomputes()
    {
        var early = Four.Votes.Where(v => v.Participant < 1900).ToList();
        var before = OpinionMap.Compute(early, null, null);
        var after = OpinionMap.Compute(Four.Votes, null, before.State);
        Assert.True(Correlation(before, after, p => p.X) > 0.95);
        Assert.True(Correlation(before, after, p => p.Y) > 0.95);

        // The orientation is the previous one's: remembered mirrored, the new map comes out mirrored.
        var mirrored = before.State with { Component1 = before.State.Component1.Select(c => -c).ToArray() };
        var flipped = OpinionMap.Compute(Four.Votes, null, mirrored);
        Assert.True(Correlation(before, flipped, p => p.X) < -0.95);
        Assert.True(Correlation(before, flipped, p => p.Y) > 0.95);
    }

    [Fact]
    public void The_same_votes_and_state_give_the_same_map_bit_for_bit()
    {
        var first = OpinionMap.Compute(Three.Votes, null, null);
        Assert.Equal(Json(first), Json(OpinionMap.Compute(Three.Votes, null, null)));
        Assert.Equal(Json(OpinionMap.Compute(Four.Votes, null, first.State)), Json(OpinionMap.Compute(Four.Votes, null, first.State)));
    }

    [Fact]
    public async Task The_map_does_not_depend_on_the_number_of_cores()
    {
        var parallel = Json(OpinionMap.Compute(Four.Votes, null, null));
        // Parallel.For runs on the current task scheduler: an exclusive one allows a single thread.
        var single = await Task.Factory.StartNew(() => Json(OpinionMap.Compute(Four.Votes, null, null)),
            CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler);
        Assert.Equal(parallel, single);
    }

    [Fact]
    public void The_order_votes_arrive_in_does_not_matter_when_nobody_changed_a_vote()
    {
        var expected = Json(OpinionMap.Compute(Three.Votes, null, null));
        Gen.Int.Sample(seed =>
        {
            var shuffled = Three.Votes.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(expected, Json(OpinionMap.Compute(shuffled, null, null)));
        }, iter: 5);
    }

    [Fact]
    public void A_later_vote_replaces_an_earlier_one()
    {
        // The first 50 participants change their mind on their first statement.
        var changed = Three.Votes.GroupBy(v => v.Participant).Take(50).Select(g => g.First()).ToDictionary(v => v.Participant, v => v with { Value = (sbyte)-v.Value });
        var replacedInPlace = Three.Votes.Select(v => changed.TryGetValue(v.Participant, out var c) && c.Statement == v.Statement ? c : v).ToList();
        var votedTwice = Three.Votes.Concat(changed.Values).ToList();

        Assert.Equal(Json(OpinionMap.Compute(replacedInPlace, null, null)), Json(OpinionMap.Compute(votedTwice, null, null)));
    }

    [Fact]
    public void How_anyone_voted_on_a_statement_moderated_out_has_no_influence()
    {
        var state = OpinionMap.Compute(Two.Votes, null, null).State;
        var moderated = new HashSet<int> { 500, 503, 517, 540 };
        // Every vote on those statements turned around, and some cast again with yet another value.
        var changed = Three.Votes.Select(v => moderated.Contains(v.Statement) ? v with { Value = (sbyte)((v.Value + 2) % 3 - 1) } : v).ToList();
        changed.AddRange(Three.Votes.Where(v => moderated.Contains(v.Statement)).Take(40).Select(v => v with { Value = 0 }));

        Assert.Equal(Json(OpinionMap.Compute(Three.Votes, moderated, null)), Json(OpinionMap.Compute(changed, moderated, null)));
        Assert.Equal(Json(OpinionMap.Compute(Three.Votes, moderated, state)), Json(OpinionMap.Compute(changed, moderated, state)));
    }

    [Fact]
    public void How_anyone_voted_on_a_statement_moderated_out_has_no_influence_on_any_small_conversation()
    {
        var vote = Gen.Select(Gen.Int[1, 20], Gen.Int[1, 10], Gen.Int[-1, 1], (p, s, v) => new Vote(p, s, (sbyte)v));
        Gen.Select(vote.Array[0, 150], Gen.Int[1, 10].Array[1, 4], Gen.Int[-1, 1].Array[150]).Sample((votes, moderated, values) =>
        {
            var set = moderated.ToHashSet();
            var changed = votes.Select((v, i) => set.Contains(v.Statement) ? v with { Value = (sbyte)values[i] } : v).ToList();
            Assert.Equal(Json(OpinionMap.Compute(votes, set, null)), Json(OpinionMap.Compute(changed, set, null)));
        }, iter: 200);
    }

    [Fact]
    public void A_statement_moderated_out_counts_as_a_pass_by_everyone_in_the_sparsity_scale()
    {
        // Pol.is zeroes the column for everyone: statements and votes cast both count it, so with M statements
        // moderated out a participant with n of N votes is scaled by sqrt((N + M) / (n + M)).
        var moderated = new HashSet<int> { 500, 501, 502 };
        var map = OpinionMap.Compute(Two.Votes, moderated, null);

        var statements = map.State.Statements.ToList();
        Assert.Equal(57, statements.Count);
        var live = Two.Votes.Where(v => !moderated.Contains(v.Statement)).ToList();
        var means = live.GroupBy(v => v.Statement).ToDictionary(g => g.Key, g => g.Average(v => (double)v.Value));
        foreach (var participant in new[] { 1000, 1001, 1002 })
        {
            var own = live.Where(v => v.Participant == participant).ToList();
            var x = own.Sum(v => (v.Value - means[v.Statement]) * map.State.Component1[statements.IndexOf(v.Statement)]);
            Assert.Equal(Math.Sqrt((57.0 + 3) / (own.Count + 3)) * x, map.Participants.Single(p => p.Participant == participant).X, 9);
        }
    }

    [Fact]
    public void A_participant_enters_the_clustering_at_seven_votes_and_stays_in()
    {
        var votes = Two.Votes.ToList();
        var six = Enumerable.Range(500, 6).Select(s => new Vote(1, s, 1)).ToList();
        var seventh = new Vote(1, 506, 1);

        var withSix = OpinionMap.Compute([.. votes, .. six], null, null);
        Assert.Null(withSix.Participants.Single(p => p.Participant == 1).Group);
        Assert.DoesNotContain(1, withSix.State.Clustered);

        var withSeven = OpinionMap.Compute([.. votes, .. six, seventh], null, withSix.State);
        Assert.NotNull(withSeven.Participants.Single(p => p.Participant == 1).Group);
        Assert.Contains(1, withSeven.State.Clustered);

        // The seventh vote is gone (its statement deleted, say): six votes now, and the participant stays in …
        var stays = OpinionMap.Compute([.. votes, .. six], null, withSeven.State);
        Assert.NotNull(stays.Participants.Single(p => p.Participant == 1).Group);
        // … because the state remembers: a first recompute with six votes leaves them out.
        Assert.Null(OpinionMap.Compute([.. votes, .. six], null, null).Participants.Single(p => p.Participant == 1).Group);
    }

    [Fact]
    public void A_vote_on_a_statement_since_moderated_out_counts_towards_entering_as_in_Pol_is()
    {
        var six = Enumerable.Range(500, 6).Select(s => new Vote(1, s, 1)).ToList();
        var map = OpinionMap.Compute([.. Two.Votes, .. six, new Vote(1, 506, 1)], new HashSet<int> { 506 }, null);

        Assert.NotNull(map.Participants.Single(p => p.Participant == 1).Group);
    }

    [Fact]
    public void With_fewer_than_seven_statements_voting_on_all_of_them_is_enough()
    {
        var votes = new List<Vote>();
        for (var p = 1; p <= 20; p++)
            for (var s = 1; s <= (p == 20 ? 3 : 4); s++)
                votes.Add(new Vote(p, s, (sbyte)(p % 2 == 0 ? 1 : -1)));

        var map = OpinionMap.Compute(votes, null, null);

        Assert.All(map.Participants, p => Assert.Equal(p.Participant != 20, p.Group is not null));
    }

    [Fact]
    public void The_state_survives_storage_as_json()
    {
        var state = OpinionMap.Compute(Three.Votes, null, null).State;
        var stored = JsonSerializer.Deserialize<OpinionMapState>(JsonSerializer.Serialize(state))!;

        Assert.Equal(Json(OpinionMap.Compute(Four.Votes, null, state)), Json(OpinionMap.Compute(Four.Votes, null, stored)));
    }

    [Fact]
    public void The_state_does_not_grow_with_participants_times_statements()
    {
        var small = OpinionMap.Compute(Three.Votes, null, null).State;   // 600 × 60
        var large = OpinionMap.Compute(Four.Votes, null, null).State;     // 1200 × 100
        var perEntry = (double)JsonSerializer.Serialize(large).Length / (1200 + 100);
        Assert.True(perEntry < 40, $"{perEntry:F0} bytes per participant or statement");
        Assert.Equal(1200, large.Clustered.Length);
        Assert.Equal(600, small.Clustered.Length);
    }

    [Fact]
    public void A_state_it_cannot_use_is_ignored()
    {
        var fresh = Json(OpinionMap.Compute(Three.Votes, null, null));
        var state = OpinionMap.Compute(Two.Votes, null, null).State;

        Assert.Equal(fresh, Json(OpinionMap.Compute(Three.Votes, null, state with { Version = 99 })));
        Assert.Equal(fresh, Json(OpinionMap.Compute(Three.Votes, null, state with { Component2 = [1, 2, 3] })));
        Assert.Equal(fresh, Json(OpinionMap.Compute(Three.Votes, null, state with { Groups = [new(1, 0, 0), new(1, 1, 1)] })));
    }

    [Fact]
    public void A_cancelled_recompute_stops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => OpinionMap.Compute(Four.Votes, null, null, cancellationToken: cts.Token));
    }

    private static double Correlation(OpinionMapResult a, OpinionMapResult b, Func<ParticipantPoint, double> coordinate)
    {
        var inB = b.Participants.ToDictionary(p => p.Participant);
        var pairs = a.Participants.Where(p => inB.ContainsKey(p.Participant)).Select(p => (coordinate(p), coordinate(inB[p.Participant]))).ToList();
        double mx = pairs.Average(p => p.Item1), my = pairs.Average(p => p.Item2);
        double sxy = pairs.Sum(p => (p.Item1 - mx) * (p.Item2 - my));
        double sxx = pairs.Sum(p => (p.Item1 - mx) * (p.Item1 - mx)), syy = pairs.Sum(p => (p.Item2 - my) * (p.Item2 - my));
        return sxy / Math.Sqrt(sxx * syy);
    }
}
