using CsCheck;
using Grassroots.Ballots.Apportionment;

namespace Grassroots.Tests.Ballots;

public class LargestRemainderTests
{
    private static readonly byte[] Seed = "assembly seed"u8.ToArray();

    /// <summary>The worked example of Wikipedia's "Largest remainder method" (Hare quota): 100,000 votes, 10 seats.</summary>
    [Fact]
    public void The_published_worked_example_gives_five_two_one_one_one_none() =>
        Assert.Equal([5, 2, 1, 1, 1, 0], LargestRemainder.Allocate(10, [47_000, 16_000, 15_800, 12_000, 6_100, 3_100], Seed));

    /// <summary>
    /// The Alabama paradox (Wikipedia's example of it): with 10 seats, populations 6, 6 and 2 get 4, 4 and 2; with 11
    /// seats, 5, 5 and 1. Hamilton's method does this, and a published rule must be followed as published.
    /// </summary>
    [Fact]
    public void One_more_seat_can_cost_a_small_group_one_as_hamilton_s_method_is_known_to()
    {
        Assert.Equal([4, 4, 2], LargestRemainder.Allocate(10, [6, 6, 2], Seed));
        Assert.Equal([5, 5, 1], LargestRemainder.Allocate(11, [6, 6, 2], Seed));
    }

    [Fact]
    public void Equal_remainders_go_to_the_larger_group_then_by_lot_the_same_for_everyone()
    {
        // 3 seats, weights 2, 1, 1: quotas 1.5, 0.75, 0.75 → 1, 0, 0, and two seats left: the larger remainders (.75) win.
        Assert.Equal([1, 1, 1], LargestRemainder.Allocate(3, [2, 1, 1], Seed));
        // 1 seat, three equal groups: one seat by lot, the same lot for the same seed.
        var once = LargestRemainder.Allocate(1, [5, 5, 5], Seed);
        Assert.Equal(1, once.Sum());
        Assert.Equal(once, LargestRemainder.Allocate(1, [5, 5, 5], Seed));
        var winners = Enumerable.Range(0, 40).Select(i => Array.IndexOf(LargestRemainder.Allocate(1, [5, 5, 5], BitConverter.GetBytes(i)), 1)).Distinct().Count();
        Assert.Equal(3, winners); // the lot is not always the first group
    }

    [Fact]
    public void No_members_no_seats_and_nothing_to_share_is_all_zeros()
    {
        Assert.Equal([0, 0], LargestRemainder.Allocate(5, [0, 0], Seed));
        Assert.Equal([3, 0], LargestRemainder.Allocate(3, [1, 0], Seed));
        Assert.Equal([0, 0], LargestRemainder.Allocate(0, [4, 2], Seed));
        Assert.Empty(LargestRemainder.Allocate(5, [], Seed));
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Allocate(5, [-1, 2], Seed));
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Allocate(LargestRemainder.MaxSeats + 1, [1], Seed));
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Allocate(5, [LargestRemainder.MaxTotalWeight, 1], Seed));
    }

    [Fact]
    public void Shares_add_up_to_the_seats_and_each_is_its_quota_rounded_down_or_up() =>
        Gen.Select(Gen.Int[1, 2_000], Gen.Long[0, 50_000].Array[1, 60]).Sample((seats, weights) =>
        {
            var shares = LargestRemainder.Allocate(seats, weights, Seed);
            var total = weights.Sum();
            if (total == 0) return shares.All(s => s == 0);
            if (shares.Sum() != seats) return false;
            for (var i = 0; i < weights.Length; i++)
            {
                var floor = seats * weights[i] / total;
                var exact = seats * weights[i] % total == 0;
                if (shares[i] < floor || shares[i] > floor + (exact ? 0 : 1)) return false;
            }
            return true;
        });

    [Fact]
    public void A_group_with_more_members_never_gets_fewer_seats() =>
        Gen.Select(Gen.Int[1, 500], Gen.Long[0, 10_000].Array[2, 40]).Sample((seats, weights) =>
        {
            var shares = LargestRemainder.Allocate(seats, weights, Seed);
            for (var i = 0; i < weights.Length; i++)
                for (var j = 0; j < weights.Length; j++)
                    if (weights[i] > weights[j] && shares[i] < shares[j]) return false;
            return true;
        });
}
