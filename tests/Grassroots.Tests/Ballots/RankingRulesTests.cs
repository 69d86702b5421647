using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

public class RankingRulesTests
{
    private static int[] Read(int[] marks, RankingRules? rules = null)
    {
        var b = RankedBallots.Create(5, rules).Add(marks).Build();
        return b.Count == 0 ? [] : b.Ranking(0).ToArray();
    }

    [Fact]
    public void A_skipped_rank_is_passed_over() => Assert.Equal([0, 2], Read([0, Mark.Skipped, 2]));

    [Fact]
    public void Two_skipped_ranks_in_a_row_exhaust_the_ballot_under_Maine_rules()
    {
        var maine = new RankingRules(SkippedRanks.ExhaustAfterTwo);
        Assert.Equal([0, 2], Read([0, Mark.Skipped, 2], maine));
        Assert.Equal([0], Read([0, Mark.Skipped, Mark.Skipped, 2], maine));
        Assert.Equal([0, 2], Read([0, Mark.Skipped, Mark.Skipped, 2]));
    }

    [Fact]
    public void An_overvote_exhausts_the_ballot_where_it_stands() => Assert.Equal([0], Read([0, Mark.Overvote, 2]));

    [Fact]
    public void An_overvote_at_the_first_rank_counts_as_exhausted_from_the_start_and_a_blank_ballot_is_not_counted()
    {
        var b = RankedBallots.Create(5).Add([Mark.Overvote, 1]).Add([]).Add([Mark.Skipped, Mark.Skipped]).Add([2]).Build();
        Assert.Equal(2, b.Total);
        Assert.Equal(1, b.ExhaustedAtStart);
        Assert.Equal(2, b.Blank);
    }

    [Fact]
    public void Under_pass_over_rules_a_ballot_of_only_overvotes_is_blank() =>
        Assert.Equal(1, RankedBallots.Create(5, new RankingRules(Overvotes: Overvotes.PassOver)).Add([Mark.Overvote, Mark.Skipped]).Build().Blank);

    [Fact]
    public void An_overvote_counts_for_its_one_candidate_still_in_under_Burlington_rules()
    {
        // C withdrew: an overvote of B and C has one candidate still in, so it counts for B; by San Francisco's rules it exhausts.
        var rules = new RankingRules(Overvotes: Overvotes.CountIfOneContinuing);
        var withdrawn = new InstantRunoffOptions(Withdrawn: [2]);
        var b = RankedBallots.Create(3, rules).Add([0], 2).Add([Mark.Overvote, 0], 1, [[1, 2]]).Build();
        var t = InstantRunoff.Count(b, ["A", "B", "C"], "x"u8, withdrawn);
        Assert.Equal([2m, 1, 0], t.Rounds[0].Votes);
        Assert.Equal(0, t.Rounds[0].Exhausted);

        var sf = RankedBallots.Create(3).Add([0], 2).Add([Mark.Overvote, 0], 1, [[1, 2]]).Build();
        var s = InstantRunoff.Count(sf, ["A", "B", "C"], "x"u8, withdrawn);
        Assert.Equal([2m, 0, 0], s.Rounds[0].Votes);
        Assert.Equal(1, s.Rounds[0].Exhausted);
    }

    [Fact]
    public void A_candidate_ranked_again_is_passed_over() => Assert.Equal([0, 1, 2], Read([0, 1, 0, 2, 1]));

    [Fact]
    public void Identical_ballots_are_merged_with_their_weights()
    {
        var b = RankedBallots.Create(3).Add([0, 1], 2).Add([0, Mark.Skipped, 1], 3).Add([1]).Build();
        Assert.Equal(2, b.Count);
        Assert.Equal(6, b.Total);
        Assert.Equal(5, b.Weight(0));
    }

    [Fact]
    public void A_mark_outside_the_candidates_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RankedBallots.Create(3).Add([3]));
}
