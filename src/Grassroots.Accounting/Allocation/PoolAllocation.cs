using Grassroots.Accounting.Splits;

namespace Grassroots.Accounting.Allocation;

/// <summary>How the central pool is shared among the candidates it backs: the rule the fund publishes.</summary>
public enum AllocationRule
{
    /// <summary>Every backed candidate gets the same (cents left over by <see cref="CentSplit"/>'s largest remainder).</summary>
    Equal = 0,
    /// <summary>
    /// In proportion to what each still needs: their goal less what they hold. A candidate at or past their goal gets
    /// nothing; when every candidate is, the pool is shared equally instead (money is never left unallocated by the rule).
    /// </summary>
    Need = 1,
}

/// <summary>A candidate's case for a share of the pool: their goal and what they hold now, in cents.</summary>
public readonly record struct PoolClaim(long GoalCents, long HeldCents)
{
    public long Need => Math.Max(0, GoalCents - Math.Max(0, HeldCents));
}

/// <summary>The allocation rule as arithmetic: pure, every cent of the pool lands on exactly one candidate.</summary>
public static class PoolAllocation
{
    public static long[] Share(long pool, IReadOnlyList<PoolClaim> claims, AllocationRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        if (claims.Count == 0) return pool == 0 ? [] : throw new ArgumentException("There is no one to share the pool with.", nameof(claims));
        if (rule == AllocationRule.Need)
        {
            var needs = claims.Select(c => c.Need).ToArray();
            if (needs.Any(n => n > 0)) return CentSplit.ByWeights(pool, needs);
        }
        return CentSplit.Equally(pool, claims.Count);
    }
}
