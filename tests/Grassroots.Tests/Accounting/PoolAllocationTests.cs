using CsCheck;
using Grassroots.Accounting.Allocation;

namespace Grassroots.Tests.Accounting;

public class PoolAllocationTests
{
    [Fact]
    public void Equal_shares_alike_whatever_each_holds() =>
        Assert.Equal([334L, 333, 333], PoolAllocation.Share(1000, [new(500, 0), new(500, 10_000), new(0, 0)], AllocationRule.Equal));

    [Fact]
    public void Need_shares_by_goal_less_holdings_and_a_candidate_past_the_goal_gets_nothing()
    {
        // Needs: 300, 100, 0 (past the goal): $4.00 goes 3:1.
        Assert.Equal([300L, 100, 0], PoolAllocation.Share(400, [new(1000, 700), new(200, 100), new(500, 900)], AllocationRule.Need));
        // A debt (a negative balance after a refund) does not raise the need past the goal.
        Assert.Equal(1000, new PoolClaim(1000, -500).Need);
    }

    [Fact]
    public void Need_with_everyone_past_their_goal_shares_equally() =>
        Assert.Equal([50L, 50], PoolAllocation.Share(100, [new(10, 20), new(0, 0)], AllocationRule.Need));

    [Fact]
    public void No_one_to_share_with_is_refused_unless_there_is_nothing_to_share()
    {
        Assert.Empty(PoolAllocation.Share(0, [], AllocationRule.Equal));
        Assert.Throws<ArgumentException>(() => PoolAllocation.Share(1, [], AllocationRule.Need));
    }

    [Fact]
    public void Every_cent_of_the_pool_lands_on_someone_and_no_one_gets_a_negative_share() =>
        Gen.Select(Gen.Long[0, 100_000_000_000], Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Long[-1_000_000, 2_000_000_000]).Array[1, 40], Gen.Bool)
            .Sample((pool, claims, need) =>
            {
                var parts = PoolAllocation.Share(pool, claims.Select(c => new PoolClaim(c.Item1, c.Item2)).ToArray(), need ? AllocationRule.Need : AllocationRule.Equal);
                return parts.Length == claims.Length && parts.Sum() == pool && parts.All(p => p >= 0);
            });
}
