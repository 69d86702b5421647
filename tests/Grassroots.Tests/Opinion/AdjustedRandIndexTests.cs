using Grassroots.Opinion;

namespace Grassroots.Tests.Opinion;

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
