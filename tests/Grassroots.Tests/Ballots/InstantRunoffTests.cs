using Grassroots.Ballots.Ranked;
using static Grassroots.Tests.Ballots.Elections;

namespace Grassroots.Tests.Ballots;

public class InstantRunoffTests
{
    // Wikipedia's "Tennessee capital" example: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17; Knoxville wins in round 3.
    private static readonly string[] Tennessee = ["Memphis", "Nashville", "Chattanooga", "Knoxville"];
    private static RankedBallots TennesseeBallots() => Cast(4,
        (42, [0, 1, 2, 3]), (26, [1, 2, 3, 0]), (15, [2, 3, 1, 0]), (17, [3, 2, 1, 0]));

    [Fact]
    public void Tennessee_capital_is_counted_round_by_round()
    {
        var t = InstantRunoff.Count(TennesseeBallots(), Tennessee, Seed);

        Assert.Equal(3, t.Rounds.Count);
        Assert.Equal([42m, 26, 15, 17], Votes(t.Rounds[0]));
        Assert.Equal([2], t.Rounds[0].Eliminated);
        Assert.Equal([42m, 26, 0, 32], Votes(t.Rounds[1]));
        Assert.Equal([1], t.Rounds[1].Eliminated);
        Assert.Equal([42m, 0, 0, 58], Votes(t.Rounds[2]));
        Assert.Equal(["Knoxville"], t.WinnerNames);
        Assert.All(t.Rounds, r => Assert.Equal(0, r.Exhausted));
    }

    [Fact]
    public void A_first_round_majority_ends_the_count()
    {
        var t = InstantRunoff.Count(Cast(3, (6, [0]), (3, [1, 0]), (2, [2])), Names(3), Seed);

        Assert.Single(t.Rounds);
        Assert.Equal([0], t.Winners);
    }

    [Fact]
    public void Exhausted_ballots_leave_the_majority_it_is_measured_against()
    {
        // A 5, B 3, C 4 of 12. B goes; two of B's ballots rank nobody else and exhaust. A's 6 is not a majority of the
        // 12 cast, but it is of the 10 still counting, and that is the rule.
        var t = InstantRunoff.Count(Cast(3, (5, [0]), (2, [1]), (1, [1, 0]), (4, [2])), Names(3), Seed);

        Assert.Equal([5m, 3, 4], Votes(t.Rounds[0]));
        Assert.Equal([6m, 0, 4], Votes(t.Rounds[1]));
        Assert.Equal(2, t.Rounds[1].Exhausted);
        Assert.Equal(12, t.Ballots);
        Assert.Equal([0], t.Winners);
    }

    [Fact]
    public void A_tie_for_last_goes_to_the_earlier_round()
    {
        // Round 1: A 10, B 5, C 4, D 1 (D's ballot goes on to C). Round 2: B and C tie at 5; B had more in round 1, so C goes.
        var t = InstantRunoff.Count(Cast(4, (10, [0]), (5, [1]), (4, [2]), (1, [3, 2])), Names(4), Seed);

        Assert.Equal([3], t.Rounds[0].Eliminated);
        Assert.Equal([10m, 5, 5, 0], Votes(t.Rounds[1]));
        Assert.Equal([2], t.Rounds[1].Eliminated);
        Assert.Equal(TieBreak.EarlierRound, t.Rounds[1].TieBreak);
        Assert.Equal([0], t.Winners);
        Assert.Equal(5, t.Rounds[^1].Exhausted);
    }

    [Fact]
    public void A_tie_no_round_settles_is_drawn_by_lot_the_same_way_by_everyone_with_the_seed()
    {
        // A 3, B 2, C 2: B and C were always equal, so the lot decides who goes.
        var ballots = Cast(3, (3, [0]), (2, [1, 0]), (2, [2, 1]));
        var outs = new HashSet<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var bytes = BitConverter.GetBytes(seed);
            var first = InstantRunoff.Count(ballots, Names(3), bytes);
            var again = InstantRunoff.Count(ballots, Names(3), bytes);
            Assert.Equal(TieBreak.Lot, first.Rounds[0].TieBreak);
            Assert.Equal(first.Rounds[0].Eliminated, again.Rounds[0].Eliminated);
            outs.Add(first.Rounds[0].Eliminated.Single());
        }
        Assert.Equal([1, 2], outs.Order());   // both can lose the draw: it is a lot, not a fixed order
    }

    [Fact]
    public void A_tie_in_the_last_round_goes_to_the_earlier_rounds()
    {
        // Round 2 ends A 4, B 4 with nothing exhausted: no majority, so the one behind in round 1 (B) is eliminated.
        var t = InstantRunoff.Count(Cast(3, (4, [0]), (3, [1]), (1, [2, 1])), Names(3), Seed);

        Assert.Equal([4m, 4, 0], Votes(t.Rounds[1]));
        Assert.Equal([1], t.Rounds[1].Eliminated);
        Assert.Equal([0], t.Winners);
    }

    [Fact]
    public void Batch_elimination_removes_everyone_who_cannot_win_at_once_and_keeps_the_winner()
    {
        // Burlington 2009's shape: the three smallest together (71 + 1306) trail the fourth (2063).
        var ballots = Cast(6, (2585, [0, 4]), (2063, [1, 0]), (1306, [2, 1]), (35, [3, 2]), (2951, [4]), (36, [5]));
        var one = InstantRunoff.Count(ballots, Names(6), Seed);
        var batch = InstantRunoff.Count(ballots, Names(6), Seed, new InstantRunoffOptions(BatchElimination: true));

        Assert.Equal([2, 3, 5], batch.Rounds[0].Eliminated.Order());
        Assert.True(batch.Rounds.Count < one.Rounds.Count);
        Assert.Equal(one.Winners, batch.Winners);
    }

    [Fact]
    public void Withdrawn_candidates_are_passed_over_from_the_start()
    {
        var t = InstantRunoff.Count(Cast(3, (3, [0, 1]), (2, [1]), (2, [2])), Names(3), Seed, new InstantRunoffOptions(Withdrawn: [0]));

        Assert.Equal([0m, 5, 2], Votes(t.Rounds[0]));
        Assert.Equal([1], t.Winners);
    }

    [Fact]
    public void No_ballots_means_no_winner()
    {
        var t = InstantRunoff.Count(Cast(2), Names(2), Seed);
        Assert.Empty(t.Winners);
    }
}
