namespace Grassroots.Tests.Opinion;

/// <summary>
/// Hubert and Arabie's adjusted Rand index: 1 when two labelings split the items the same way (whatever the label
/// names), about 0 for a random split.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Of(IReadOnlyList<int> truth, IReadOnlyList<int> found)
    {
        if (truth.Count != found.Count) throw new ArgumentException("Labelings differ in length.");
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
        var expected = rowPairs * columnPairs / Pairs(n);
        var max = (rowPairs + columnPairs) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }
}

public class AdjustedRandIndexTests
{
    // Expected values worked out from the contingency-table formula in Python (and the first is scikit-learn's
    // documented example), not by this code.
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 0.5714285714285715)]
    [InlineData(new[] { 0, 0, 0, 1, 1, 1 }, new[] { 0, 0, 1, 1, 2, 2 }, 0.24242424242424246)]
    [InlineData(new[] { 0, 0, 1, 1, 2, 2 }, new[] { 5, 5, 7, 7, 9, 9 }, 1.0)]
    [InlineData(new[] { 0, 1, 0, 1 }, new[] { 0, 0, 1, 1 }, -0.5)]
    public void Matches_the_contingency_table_formula(int[] truth, int[] found, double expected) =>
        Assert.Equal(expected, AdjustedRandIndex.Of(truth, found), 12);
}
