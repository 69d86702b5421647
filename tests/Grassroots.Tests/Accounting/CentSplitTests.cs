using CsCheck;
using Grassroots.Accounting.Splits;

namespace Grassroots.Tests.Accounting;

public class CentSplitTests
{
    [Fact]
    public void Twenty_seven_dollars_in_three_is_nine_each_and_ten_dollars_in_three_gives_the_cent_left_to_the_first()
    {
        Assert.Equal([900L, 900, 900], CentSplit.Equally(2700, 3));
        Assert.Equal([334L, 333, 333], CentSplit.Equally(1000, 3));
    }

    [Fact]
    public void Weighted_by_need_the_larger_fraction_gets_the_cent_left()
    {
        // $1.00 by needs 1, 2: exact 33.33… and 66.66…: 33 and 66, the cent to the .66.
        Assert.Equal([33L, 67], CentSplit.ByWeights(100, [1, 2]));
        Assert.Equal([0L, 100, 0], CentSplit.ByWeights(100, [0, 5, 0]));
        Assert.Throws<ArgumentException>(() => CentSplit.ByWeights(100, [0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CentSplit.ByWeights(-1, [1]));
    }

    [Fact]
    public void Every_cent_lands_somewhere_and_each_part_is_its_share_rounded_down_or_up() =>
        Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Long[0, 1_000_000].Array[1, 50]).Where((_, w) => w.Any(x => x > 0)).Sample((amount, weights) =>
        {
            var parts = CentSplit.ByWeights(amount, weights);
            if (parts.Sum() != amount) return false;
            var total = weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                var floor = (long)((Int128)amount * weights[i] / total);
                if (parts[i] < floor || parts[i] > floor + 1) return false;
            }
            return true;
        });
}
