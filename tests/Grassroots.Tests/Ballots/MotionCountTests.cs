using Grassroots.Ballots.Counting;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

public class MotionCountTests
{
    private static readonly byte[] Seed = "seed"u8.ToArray();

    private static MotionResult YesNo(Threshold t, int yes, int no, int abstain, Quorum? quorum = null, int roll = 100) =>
        MotionCount.Count(new MotionRules(MotionMethod.YesNo, ["Yes", "No"], 1, t, quorum ?? new Quorum(), roll),
            Enumerable.Repeat("yes", yes).Concat(Enumerable.Repeat("no", no)).Concat(Enumerable.Repeat("abstain", abstain)), Seed);

    [Theory]
    [InlineData(Threshold.Majority, 51, 49, true)]
    [InlineData(Threshold.Majority, 50, 50, false)]       // half is not more than half
    [InlineData(Threshold.ThreeFifths, 60, 40, true)]
    [InlineData(Threshold.ThreeFifths, 59, 41, false)]
    [InlineData(Threshold.TwoThirds, 66, 33, true)]       // exactly two thirds
    [InlineData(Threshold.TwoThirds, 65, 34, false)]
    [InlineData(Threshold.Majority, 0, 0, false)]         // nobody for it
    public void Thresholds_are_shares_of_yes_and_no(Threshold t, int yes, int no, bool passes) =>
        Assert.Equal(passes, YesNo(t, yes, no, 0).Passed);

    [Fact]
    public void Abstentions_count_toward_the_quorum_but_not_the_threshold()
    {
        var r = YesNo(Threshold.Majority, 3, 2, 20, new Quorum(PercentOfRoll: 25), roll: 100);

        Assert.Equal(25, r.Ballots);
        Assert.Equal(25, r.QuorumRequired);
        Assert.True(r.QuorumMet);
        Assert.True(r.Passed);
    }

    [Fact]
    public void Without_a_quorum_nothing_passes_and_nobody_is_elected()
    {
        var r = YesNo(Threshold.Majority, 10, 0, 0, new Quorum(Ballots: 11));
        Assert.False(r.QuorumMet);
        Assert.False(r.Passed);

        var approval = MotionCount.Count(new MotionRules(MotionMethod.Approval, ["a", "b"], 1, Threshold.Majority, new Quorum(5), 10), ["1", "1,2"], Seed);
        Assert.Empty(approval.Winners);
        Assert.Equal([2L, 1], approval.Approvals);
    }

    [Theory]
    [InlineData(-1, 0, "between 0 and")]
    [InlineData(0, 101, "between 0 and 100 percent")]
    [InlineData(11, 0, "only 10 may vote")]
    public void Quorum_rules_that_cannot_work_are_named(int ballots, int percent, string problem) =>
        Assert.Contains(problem, new Quorum(ballots, percent).Problem(10));

    [Fact]
    public void A_quorum_share_rounds_up() => Assert.Equal(34, new Quorum(PercentOfRoll: 33).Required(101));

    [Fact]
    public void Approval_elects_the_most_approved_and_draws_a_tie_at_the_cut_by_lot()
    {
        var rules = new MotionRules(MotionMethod.Approval, ["a", "b", "c", "d"], 2, Threshold.Majority, new Quorum(), 10);
        var r = MotionCount.Count(rules, ["1,2", "1,3", "1", "2,3"], Seed);

        Assert.Equal([3L, 2, 2, 0], r.Approvals);
        Assert.Equal(0, r.Winners[0]);
        Assert.Contains(r.Winners[1], new[] { 1, 2 });
        Assert.Equal(TieBreak.Lot, r.TieBreak);
    }

    [Theory]
    [InlineData(MotionMethod.YesNo, " Yes ", "yes", null)]
    [InlineData(MotionMethod.YesNo, "maybe", null, "Choose yes, no or abstain.")]
    [InlineData(MotionMethod.Approval, "3,1", "1,3", null)]
    [InlineData(MotionMethod.Approval, "", "", null)]
    [InlineData(MotionMethod.Approval, "1,1", null, "Option 1 is approved twice.")]
    [InlineData(MotionMethod.InstantRunoff, "2>1", "2>1", null)]
    [InlineData(MotionMethod.InstantRunoff, "2>1>2", null, "Option 2 is ranked twice: rank each option once.")]
    [InlineData(MotionMethod.SingleTransferableVote, "4", null, "\"4\" is not an option: options are numbered 1 to 3.")]
    [InlineData(MotionMethod.InstantRunoff, "", null, "Rank at least one option.")]
    public void Choices_are_made_canonical_or_refused_with_a_reason(MotionMethod m, string text, string? canonical, string? problem)
    {
        var (c, p) = Choices.Normalize(m, 3, text);
        Assert.Equal(canonical, c);
        Assert.Equal(problem, p);
    }

    [Theory]
    [InlineData(MotionMethod.InstantRunoff, 1)]
    [InlineData(MotionMethod.SingleTransferableVote, 2)]
    [InlineData(MotionMethod.Approval, 2)]
    public void No_ballot_elects_nobody(MotionMethod method, int seats)
    {
        // An empty count would otherwise elect by lot alone, from a seed known before anyone voted.
        var r = MotionCount.Count(new MotionRules(method, ["a", "b", "c"], seats, Threshold.Majority, new Quorum(), 10), [], Seed);
        Assert.Empty(r.Winners);
    }

    [Fact]
    public void A_ranked_motion_reports_its_round_table()
    {
        var rules = new MotionRules(MotionMethod.InstantRunoff, ["a", "b", "c"], 1, Threshold.Majority, new Quorum(), 10);
        var r = MotionCount.Count(rules, ["1>2", "2>1", "2", "3>1", "1"], Seed);

        Assert.NotNull(r.Rounds);
        Assert.Equal([0], r.Winners);
        Assert.Equal(5, r.Ballots);
    }
}
