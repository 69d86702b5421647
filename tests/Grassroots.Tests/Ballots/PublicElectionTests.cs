using System.Text.Json;
using Grassroots.Ballots.Blt;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

/// <summary>
/// Real elections, their ballots as published in BLT, counted under each jurisdiction's rules: the count must give the
/// certified winners with the official figures round by round. Sources are in each .expected.json.
/// </summary>
public class PublicElectionTests
{
    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Ballots", "Elections", file);

    private static (BltElection Election, JsonElement Expected) Load(string name) =>
        (BltReader.Read(File.ReadAllText(PathOf(name + ".blt"))), JsonDocument.Parse(File.ReadAllText(PathOf(name + ".expected.json"))).RootElement);

    private static void AssertRounds(RoundTable table, JsonElement expected, bool compareExhausted = true)
    {
        var rounds = expected.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(rounds.Count, table.Rounds.Count);
        for (var i = 0; i < rounds.Count; i++)
        {
            foreach (var v in rounds[i].GetProperty("votes").EnumerateObject())
            {
                var c = table.Candidates.ToList().IndexOf(v.Name);
                Assert.True(c >= 0, v.Name);
                Assert.True(v.Value.GetDecimal() == table.Rounds[i].Votes[c], $"round {i + 1}, {v.Name}: expected {v.Value.GetDecimal()}, counted {table.Rounds[i].Votes[c]}");
            }
            if (compareExhausted)
                Assert.Equal(rounds[i].GetProperty("exhausted").GetDecimal(), table.Rounds[i].Exhausted + table.Rounds[i].LostToRounding);
        }
        Assert.Equal(expected.GetProperty("winners").EnumerateArray().Select(w => w.GetString()!), table.WinnerNames);
    }

    [Fact]
    public void Burlington_2009_mayor_gives_the_certified_rounds()
    {
        // ChoicePlus Pro's rules: drop together everyone who can't win; an overvote counts for its one candidate still in.
        var (e, expected) = Load("burlington_2009_mayor");
        var t = InstantRunoff.Count(e.Rank(new RankingRules(Overvotes: Overvotes.CountIfOneContinuing)), e.Candidates, "burlington"u8, new InstantRunoffOptions(BatchElimination: true));

        AssertRounds(t, expected);
        Assert.Equal(8980, t.Ballots);   // 8,984 processed, 4 blank
    }

    [Fact]
    public void Burlington_2009_by_San_Francisco_rules_elects_the_same_mayor_one_ballot_apart()
    {
        // Overvotes exhaust when reached: the one ballot ChoicePlus gave Wright in round 3 exhausts instead.
        var (e, _) = Load("burlington_2009_mayor");
        var t = InstantRunoff.Count(e.Rank(), e.Candidates, "burlington"u8, new InstantRunoffOptions(BatchElimination: true));

        Assert.Equal(["Bob Kiss"], t.WinnerNames);
        var wright = e.Candidates.ToList().IndexOf("Kurt Wright");
        Assert.Equal(4060, t.Rounds[^1].Votes[wright]);
        Assert.Equal(607, t.Rounds[^1].Exhausted);
    }

    [Fact]
    public void Minneapolis_2017_mayor_gives_the_official_figures()
    {
        // The city's rules: overvoted ranks and skipped ranks are passed over; everyone who can't win goes at once.
        var (e, expected) = Load("minneapolis_2017_mayor");
        var t = InstantRunoff.Count(e.Rank(new RankingRules(Overvotes: Overvotes.PassOver)), e.Candidates, "minneapolis"u8, new InstantRunoffOptions(BatchElimination: true));

        var official = expected.GetProperty("officialPartial");
        Assert.Equal(official.GetProperty("validVotes").GetInt64(), t.Ballots);
        var names = t.Candidates.ToList();
        foreach (var v in official.GetProperty("firstRound").EnumerateObject()) Assert.Equal(v.Value.GetDecimal(), t.Rounds[0].Votes[names.IndexOf(v.Name)]);
        foreach (var v in official.GetProperty("finalRound").EnumerateObject()) Assert.Equal(v.Value.GetDecimal(), t.Rounds[^1].Votes[names.IndexOf(v.Name)]);
        Assert.Equal(5, t.Rounds.Count);
        Assert.Equal(["Jacob Frey"], t.WinnerNames);
    }

    [Fact]
    public void Edinburgh_2017_Forth_ward_gives_the_councils_stages_to_five_places()
    {
        var (e, expected) = Load("edinburgh_2017_ward04_forth");
        var t = SingleTransferableVote.Count(e.Rank(), e.Candidates, e.Seats, "edinburgh"u8);

        Assert.Equal(expected.GetProperty("quota").GetDecimal(), t.Quota);
        AssertRounds(t, expected);
    }
}
