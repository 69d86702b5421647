using Grassroots.Ballots.Ranked;
using static Grassroots.Tests.Ballots.Elections;

namespace Grassroots.Tests.Ballots;

public class SingleTransferableVoteTests
{
    // Wikipedia's food election: 20 voters, 3 seats, Droop quota 6.
    private static readonly string[] Food = ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"];
    private static RankedBallots FoodBallots() => Cast(5, (4, [0]), (2, [1, 0]), (8, [2, 3]), (4, [2, 4]), (1, [3]), (1, [4]));

    [Fact]
    public void The_food_election_is_counted_stage_by_stage()
    {
        var t = SingleTransferableVote.Count(FoodBallots(), Food, 3, Seed);

        Assert.Equal(6m, t.Quota);
        Assert.Equal([4m, 2, 12, 1, 1], Votes(t.Rounds[0]));
        Assert.Equal([2], t.Rounds[0].Elected);
        Assert.Equal(2, t.Rounds[0].SurplusOf);
        Assert.Equal(0.5m, t.Rounds[0].TransferValue);
        Assert.Equal([4m, 2, 6, 5, 3], Votes(t.Rounds[1]));      // 8 × ½ to strawberries, 4 × ½ to hamburgers
        Assert.Equal([1], t.Rounds[1].Eliminated);                // pears, the fewest
        Assert.Equal([6m, 0, 6, 5, 3], Votes(t.Rounds[2]));
        Assert.Equal([0], t.Rounds[2].Elected);                   // oranges reach the quota
        Assert.Equal([4], t.Rounds[2].Eliminated);                // no surplus to move: hamburgers go
        Assert.Equal(3, t.Rounds[3].Exhausted);                   // their ballots had nowhere to go
        Assert.Equal(["Chocolate", "Oranges", "Strawberries"], t.WinnerNames);
    }

    [Fact]
    public void Transfer_values_are_truncated_to_five_places_paper_by_paper_and_the_loss_is_reported()
    {
        // 10 ballots, 2 seats, quota 4. A has 9: surplus 5 at 5/9 = 0.55555 a paper.
        var t = SingleTransferableVote.Count(Cast(3, (7, [0, 1]), (2, [0, 2]), (1, [2])), Names(3), 2, Seed);

        Assert.Equal(4m, t.Quota);
        Assert.Equal(0.55555m, t.Rounds[0].TransferValue);
        Assert.Equal([4m, 3.88885m, 2.1111m], Votes(t.Rounds[1]));
        Assert.Equal(0.00005m, t.Rounds[1].LostToRounding);
        Assert.Equal([2], t.Rounds[1].Eliminated);
        var last = t.Rounds[^1];
        Assert.Equal(2.1111m, last.Exhausted);
        Assert.Equal(10m, last.Votes.Sum() - last.Votes[2] + last.Exhausted + last.LostToRounding);
        Assert.Equal([0, 1], t.Winners);
    }

    [Fact]
    public void Merging_identical_ballots_changes_nothing()
    {
        var merged = SingleTransferableVote.Count(Cast(3, (7, [0, 1]), (2, [0, 2]), (1, [2])), Names(3), 2, Seed);
        var separate = RankedBallots.Create(3);
        for (var i = 0; i < 7; i++) separate.Add([0, 1]);
        for (var i = 0; i < 2; i++) separate.Add([0, 2]);
        separate.Add([2]);
        var apart = SingleTransferableVote.Count(separate.Build(), Names(3), 2, Seed);

        Assert.Equal(merged.Rounds.Select(Votes), apart.Rounds.Select(Votes));
    }

    [Fact]
    public void When_the_continuing_candidates_fit_the_seats_left_they_are_elected()
    {
        var t = SingleTransferableVote.Count(Cast(3, (5, [0]), (3, [1]), (2, [2])), Names(3), 2, Seed);

        Assert.Equal(2, t.Winners.Count);
        Assert.Contains(0, t.Winners);
    }

    [Fact]
    public void Ballots_that_run_out_exhaust_and_seats_can_stay_empty()
    {
        // Everyone ranks only A: one seat filled, the second has no candidate with a vote, yet B and C still fill it.
        var t = SingleTransferableVote.Count(Cast(3, (9, [0])), Names(3), 2, Seed);

        Assert.Equal(0, t.Winners[0]);
        Assert.Equal(2, t.Winners.Count);
        Assert.True(t.Rounds[^1].Exhausted > 0);
    }

    [Fact]
    public void One_seat_stv_elects_the_instant_runoff_winner()
    {
        var ballots = Cast(4, (42, [0, 1, 2, 3]), (26, [1, 2, 3, 0]), (15, [2, 3, 1, 0]), (17, [3, 2, 1, 0]));
        Assert.Equal(InstantRunoff.Count(ballots, Names(4), Seed).Winners, SingleTransferableVote.Count(ballots, Names(4), 1, Seed).Winners);
    }
}
