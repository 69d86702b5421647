namespace Grassroots.Accounting.Splits;

/// <summary>
/// An amount shared out by weights so that every cent lands somewhere: each part gets the whole cents of its exact
/// share (amount × weight ÷ total, rounded down), and the cents left over go one each to the parts with the largest
/// fractions; equal fractions go to the earlier part. Integer arithmetic only; the parts add up to the amount, and each
/// is its exact share rounded down or up. The rule the fund publishes for its allocations and for split gifts.
/// </summary>
public static class CentSplit
{
    public static long[] ByWeights(long amount, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Amounts.Cents.Max * 1000);
        long total = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            total = checked(total + w);
        }
        var parts = new long[weights.Count];
        if (total == 0) return amount == 0 ? parts : throw new ArgumentException("There is nothing to split by: every weight is zero.", nameof(weights));
        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)amount * weights[i];    // up to 1e12 × 9e18: past a long, within Int128
            parts[i] = (long)(product / total);
            remainders[i] = product % total;
            given += parts[i];
        }
        foreach (var i in Enumerable.Range(0, weights.Count).Where(i => weights[i] > 0).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)(amount - given)))
            parts[i]++;
        return parts;
    }

    /// <summary>Equal parts (the fund's "equal" rule): <paramref name="count"/> parts of one weight each.</summary>
    public static long[] Equally(long amount, int count) => ByWeights(amount, Enumerable.Repeat(1L, count).ToArray());
}
