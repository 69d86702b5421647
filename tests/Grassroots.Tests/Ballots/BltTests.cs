using Grassroots.Ballots.Blt;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

public class BltTests
{
    private const string Sample = """
        4 2
        -4
        # a comment line
        3 1 3 0
        (b7) 2 2 - 1 0
        1 3=4 1 0
        0
        "Adams"
        "Baker"   "Clark"
        "Dunn"
        "A small election"
        """;

    [Fact]
    public void A_file_is_read_with_its_withdrawn_candidates_skips_overvotes_and_ids()
    {
        var e = BltReader.Read(Sample);

        Assert.Equal(2, e.Seats);
        Assert.Equal(["Adams", "Baker", "Clark", "Dunn"], e.Candidates);
        Assert.Equal([3], e.Withdrawn);
        Assert.Equal("A small election", e.Title);
        Assert.Equal(3, e.Ballots.Count);
        Assert.Equal(new BltBallot(3, [0, 2]), e.Ballots[0], BallotEquality.Instance);
        Assert.Equal([1, Mark.Skipped, 0], e.Ballots[1].Marks);
        Assert.Equal(2, e.Ballots[1].Weight);
        Assert.Equal([Mark.Overvote, 0], e.Ballots[2].Marks);
        Assert.Equal(1, e.Rank().ExhaustedAtStart);
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_election()
    {
        var e = BltReader.Read(Sample) with { Ballots = BltReader.Read(Sample).Ballots.Take(2).ToList() };
        var w = new StringWriter();
        BltWriter.Write(e, w);
        var back = BltReader.Read(w.ToString());

        Assert.Equal(e.Candidates, back.Candidates);
        Assert.Equal(e.Withdrawn, back.Withdrawn);
        Assert.Equal(e.Title, back.Title);
        Assert.Equal(e.Ballots, back.Ballots, BallotEquality.Instance);
    }

    [Theory]
    [InlineData("", "line 0: the file is empty")]
    [InlineData("3\n", "expected two whole numbers")]
    [InlineData("3 4\n0\n", "the number of seats must be between 1 and the 3 candidates")]
    [InlineData("3 1\n1 4 0\n0\n\"a\" \"b\" \"c\"", "line 2: \"4\" is not a candidate")]
    [InlineData("3 1\n1 1 2\n0\n\"a\" \"b\" \"c\"", "line 2: a ballot ends with 0")]
    [InlineData("3 1\nx 1 0\n0\n", "line 2: a ballot starts with its weight")]
    [InlineData("3 1\n1 1 0\n", "ended before the line \"0\"")]
    [InlineData("3 1\n1 1 0\n0\n\"a\" \"b\"", "names 2 of its 3 candidates")]
    [InlineData("3 1\n1 1 0\n0\n\"a\" \"b\" \"c\" \"t\" \"extra\"", "more text after the title")]
    [InlineData("3 1\n-5\n1 1 0\n0\n", "withdrawn candidate")]
    [InlineData("3 1\n1 1=9 0\n0\n", "\"9\" is not a candidate")]
    [InlineData("2 1\n9223372036854775807 1 0\n0\n", "a ballot's weight is at most 1,000,000,000")]
    [InlineData("2000 1\n", "between 1 and 1,000")]
    public void A_broken_file_is_refused_with_the_line_and_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<BltFormatException>(() => BltReader.Read(text));
        Assert.Contains(message, e.Message);
    }

    private sealed class BallotEquality : IEqualityComparer<BltBallot>
    {
        public static readonly BallotEquality Instance = new();
        public bool Equals(BltBallot? x, BltBallot? y) => x!.Weight == y!.Weight && x.Marks.SequenceEqual(y.Marks);
        public int GetHashCode(BltBallot obj) => obj.Weight.GetHashCode();
    }
}
