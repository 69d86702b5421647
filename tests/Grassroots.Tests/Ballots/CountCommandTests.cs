using Grassroots.Features.Convention;

namespace Grassroots.Tests.Ballots;

public class CountCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        return (CountCommand.Run(args, o, e), o.ToString(), e.ToString());
    }

    private static string Election(string name) => Path.Combine(AppContext.BaseDirectory, "Ballots", "Elections", name + ".blt");

    [Fact]
    public void Counting_Burlington_prints_the_round_table_and_the_winner()
    {
        var (code, output, _) = Run("--method", "irv", "--batch", "--overvote", "count-if-one-continuing", Election("burlington_2009_mayor"));

        Assert.Equal(0, code);
        Assert.Contains("Round 3", output);
        Assert.Matches(@"Bob Kiss\s+2,585\s+2,981\s+4,313", output);
        Assert.Matches(@"Exhausted\s+4\s+151\s+606", output);
        Assert.Contains("Winner: Bob Kiss", output);
    }

    [Fact]
    public void Counting_Edinburgh_prints_the_stages()
    {
        var (code, output, _) = Run("--method", "stv", Election("edinburgh_2017_ward04_forth"));
        Assert.Equal(0, code);
        Assert.Contains("quota 2,080.00000", output);
        Assert.Contains("surplus of Jim CAMPBELL (C) transferred at 0.29515", output);
    }

    [Theory]
    [InlineData(new[] { "x.blt" }, "Name the method")]
    [InlineData(new[] { "--method", "irv" }, "Name the BLT file")]
    [InlineData(new[] { "--method", "irv", "/nope/none.blt" }, "There is no file")]
    [InlineData(new[] { "--method", "borda", "x.blt" }, "Name the method: --method irv")]
    [InlineData(new[] { "--method", "irv", "--frobnicate", "x.blt" }, "\"--frobnicate\" is not understood")]
    public void Bad_arguments_say_what_to_fix(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public void A_broken_file_names_its_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "3 1\n1 1 7 0\n0\n");
        var (code, _, error) = Run("--method", "irv", path);
        Assert.Equal(2, code);
        Assert.Contains("line 2: \"7\" is not a candidate", error);
    }
}
