using Grassroots.Opinion;

namespace Grassroots.Tests.Opinion;

/// <summary>
/// A small conversation worked out by hand: every figure below was computed in Python from Pol.is' formulas
/// (polismath repness.clj, stats.clj), independently of this code.
/// </summary>
public class RepresentativenessTests
{
    // Participants 1–5 (group A) and 6–10 (group B); statements 101–107. Missing: not voted.
    //        101  102  103  104  105  106  107
    //   1     +    +    -    +    +    -    +
    //   2     +    +    -    +    +    0    -
    //   3     +    +    -    +         0    -
    //   4     +    -    -    +         0    -
    //   5     +    0    -    +         0    -
    //   6     -    +    +    +    +    0    -
    //   7     -    +    +    +    -    0    -
    //   8     -    -    +    +    -    0    -
    //   9     -    -    +    +    -         -
    //  10          0    +    +    -         -
    private static readonly string[] Rows =
    [
        "++-++-+", "++-++0-", "++-+ 0-", "+--+ 0-", "+0-+ 0-",
        "-++++0-", "-+++-0-", "--++-0-", "--++- -", " 0++- -",
    ];

    private static List<Vote> Votes()
    {
        var votes = new List<Vote>();
        for (var p = 0; p < Rows.Length; p++)
            for (var s = 0; s < Rows[p].Length; s++)
                if (Rows[p][s] != ' ')
                    votes.Add(new Vote(p + 1, 101 + s, (sbyte)(Rows[p][s] switch { '+' => 1, '-' => -1, _ => 0 })));
        return votes;
    }

    // Participant 10 voted on 4 statements: let everyone in.
    private static readonly OpinionMapOptions Options = new() { MinimumVotes = 4 };

    [Fact]
    public void The_two_sides_are_the_two_groups()
    {
        var map = OpinionMap.Compute(Votes(), null, null, Options);

        Assert.Equal(2, map.GroupCount);
        var a = map.Participants.Single(p => p.Participant == 1).Group;
        Assert.All(map.Participants, p => Assert.Equal(p.Participant <= 5, p.Group == a));
    }

    [Fact]
    public void Representative_statements_match_the_hand_computation()
    {
        var map = OpinionMap.Compute(Votes(), null, null, Options);
        var groupA = map.Groups.Single(g => g.Id == map.Participants.Single(p => p.Participant == 1).Group);
        var groupB = map.Groups.Single(g => g.Id != groupA.Id);

        // A: 101 is its best agreed statement (first), then the passing ones by ra·rat·pa·pat — 103 (disagree, 36.9)
        // before 105 (agree, 6.5) — and agrees before disagrees.
        AssertStatements(groupA.Representative,
            new(101, Stance.Agree, 5, 5, 0.8571428571428571, 2.449489742783178, 5.142857142857143, 2.746426249302381, true),
            new(105, Stance.Agree, 2, 2, 0.75, 1.7320508075688772, 2.625, 1.8973665961010278, false),
            new(103, Stance.Disagree, 5, 5, 0.8571428571428571, 2.449489742783178, 6.0, 2.9277002188455996, false));
        AssertStatements(groupB.Representative,
            new(103, Stance.Agree, 5, 5, 0.8571428571428571, 2.449489742783178, 6.0, 2.9277002188455996, true),
            new(101, Stance.Disagree, 4, 4, 0.8333333333333334, 2.23606797749979, 5.833333333333334, 2.7638539919628333, false),
            new(105, Stance.Disagree, 4, 5, 0.7142857142857143, 1.632993161855452, 2.857142857142857, 1.4999999999999998, false));
    }

    [Fact]
    public void At_most_the_configured_number_of_representative_statements_are_kept()
    {
        var map = OpinionMap.Compute(Votes(), null, null, Options with { RepresentativeCount = 2 });
        var groupA = map.Groups.Single(g => g.Id == map.Participants.Single(p => p.Participant == 1).Group);

        // the top two by Pol.is' order are 101 (best agree) and 103; agrees first
        Assert.Equal([101, 103], groupA.Representative.Select(r => r.Statement));
    }

    [Fact]
    public void Group_aware_consensus_matches_the_hand_computation()
    {
        var map = OpinionMap.Compute(Votes(), null, null, Options);

        // Only 104 is agreed by both groups ((5+1)/(5+2) each): 0.857142… squared.
        var agree = Assert.Single(map.ConsensusAgree);
        Assert.Equal(104, agree.Statement);
        Assert.Equal(0.7346938775510203, agree.Agree, 12);
        Assert.Equal(0.02040816326530612, agree.Disagree, 12);
        // Only 107 is disagreed by both: A (4+1)/(5+2), B (5+1)/(5+2).
        var disagree = Assert.Single(map.ConsensusDisagree);
        Assert.Equal(107, disagree.Statement);
        Assert.Equal(0.6122448979591837, disagree.Disagree, 12);
        Assert.Equal(0.04081632653061224, disagree.Agree, 12);
        var a = map.Groups.ToList().FindIndex(g => g.Id == map.Participants.Single(p => p.Participant == 1).Group);
        Assert.Equal(0.7142857142857143, disagree.GroupDisagree[a], 12);
        Assert.Equal(0.8571428571428571, disagree.GroupDisagree[1 - a], 12);
    }

    [Fact]
    public void Consensus_lists_are_ordered_and_cut_at_the_configured_count()
    {
        // Both groups agree with 104 (0.7347) and, once the last participants of B agree with 102 too, with 102.
        var votes = Votes();
        votes.AddRange([new Vote(8, 102, 1), new Vote(9, 102, 1), new Vote(10, 102, 1)]);   // replace B's -, -, 0

        var map = OpinionMap.Compute(votes, null, null, Options);
        Assert.Equal([104, 102], map.ConsensusAgree.Select(c => c.Statement));
        // A: (3+1)/(5+2), B: (5+1)/(5+2)
        Assert.Equal(4.0 / 7 * 6.0 / 7, map.ConsensusAgree[1].Agree, 12);

        var one = OpinionMap.Compute(votes, null, null, Options with { ConsensusCount = 1 });
        Assert.Equal([104], one.ConsensusAgree.Select(c => c.Statement));
    }

    [Theory]
    // prop-test: 2·sqrt(n+1)·((s+1)/(n+1) − ½)
    [InlineData(5, 5, 2.449489742783178)]
    [InlineData(0, 4, -1.3416407864998738)]
    [InlineData(2, 5, 0.0)]
    public void Proportion_test_is_Pol_is_prop_test(int successes, int trials, double z) =>
        Assert.Equal(z, Representativeness.ProportionZ(successes, trials), 12);

    [Theory]
    [InlineData(5, 0, 5, 4, 2.746426249302381)]
    [InlineData(4, 5, 5, 5, -1.0444659357341866)]
    [InlineData(3, 3, 3, 3, 0.0)]   // everyone in both succeeded: Pol.is calls it 0
    public void Two_proportion_test_is_Pol_is_two_prop_test(int inGroup, int rest, int seenIn, int seenRest, double z) =>
        Assert.Equal(z, Representativeness.TwoProportionZ(inGroup, rest, seenIn, seenRest), 12);

    private static void AssertStatements(IReadOnlyList<RepresentativeStatement> actual, params RepresentativeStatement[] expected)
    {
        Assert.Equal(expected.Select(e => (e.Statement, e.For, e.Votes, e.Seen, e.BestAgree)),
            actual.Select(a => (a.Statement, a.For, a.Votes, a.Seen, a.BestAgree)));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Probability, actual[i].Probability, 12);
            Assert.Equal(expected[i].ProbabilityZ, actual[i].ProbabilityZ, 12);
            Assert.Equal(expected[i].Representativeness, actual[i].Representativeness, 12);
            Assert.Equal(expected[i].RepresentativenessZ, actual[i].RepresentativenessZ, 12);
        }
    }
}
