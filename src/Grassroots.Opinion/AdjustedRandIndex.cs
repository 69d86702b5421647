namespace Grassroots.Opinion;

/// <summary>
/// Hubert and Arabie's adjusted Rand index: how alike two groupings of the same people are, 1 when they split them
/// the same way (whatever the group names), about 0 for a random split. Used to compare our groups with Pol.is' own.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Of(IReadOnlyList<int> truth, IReadOnlyList<int> found)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(found);
        if (truth.Count != found.Count) throw new ArgumentException("The groupings differ in length.", nameof(found));
        var n = truth.Count;
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            cells[(truth[i], found[i])] = cells.GetValueOrDefault((truth[i], found[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[found[i]] = columns.GetValueOrDefault(found[i]) + 1;
        }
        static double Pairs(long x) => x * (x - 1) / 2.0;
        var index = cells.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var expected = n < 2 ? 0 : rowPairs * columnPairs / Pairs(n);
        var max = (rowPairs + columnPairs) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }
}
