using System.Text.Json;
using Grassroots.Ballots.Audit;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using Grassroots.Features.Convention;

namespace Grassroots.Tests.Ballots;

public class AuditVerifierTests
{
    /// <summary>A closed motion's audit file as an assembly publishes it: cast ballots in order, re-votes replacing earlier ones.</summary>
    internal static AuditFile Make(string method, string[] options, params (string Voter, string Choices)[] casts)
    {
        var motion = new AuditMotion("m-1", "Elect the committee", method, options, method == "stv" ? 2 : 1, "majority", 0, 10, 20,
            DateTimeOffset.Parse("2026-11-27T10:00:00Z"), DateTimeOffset.Parse("2026-11-27T10:30:00Z"));
        var board = new List<AuditBallot>();
        var latest = new Dictionary<string, string>();
        var previous = BoardChain.Genesis(motion.Id);
        foreach (var (voter, choices) in casts)
        {
            var nonce = Tracker.NewNonce();
            var tracker = Tracker.Compute(motion.Id, choices, nonce);
            latest.TryGetValue(voter, out var replaces);
            var hash = BoardChain.Link(previous, board.Count + 1, tracker, replaces);
            board.Add(new AuditBallot(board.Count + 1, tracker, replaces, hash, choices, nonce));
            latest[voter] = tracker;
            previous = hash;
        }
        var replaced = board.Where(b => b.Replaces is not null).Select(b => b.Replaces).ToHashSet();
        var result = MotionCount.Count(motion.Rules(), board.Where(b => !replaced.Contains(b.Tracker)).Select(b => b.Choices), Convert.FromHexString(previous));
        return new AuditFile(AuditFile.CurrentFormat, motion, board, latest.Keys.Order().ToList(), previous, result);
    }

    private static AuditFile Sample() => Make("irv", ["Ana", "Ben", "Cy"], ("v1", "1>2"), ("v2", "2>1"), ("v3", "3>2"), ("v1", "3>1"), ("v4", "1"));

    [Fact]
    public void An_honest_audit_file_verifies_and_recounts_to_the_published_result()
    {
        var (checks, recount) = AuditVerifier.Verify(Sample());

        Assert.All(checks, c => Assert.True(c.Held, c.What + ": " + c.Detail));
        Assert.Equal(4, recount!.Ballots);   // v1's first ballot was replaced by the re-vote
    }

    [Fact]
    public void A_ballot_whose_choices_were_changed_after_the_fact_fails_its_tracker()
    {
        var f = Sample();
        var board = f.Board.ToList();
        board[1] = board[1] with { Choices = "1>2" };
        var (checks, _) = AuditVerifier.Verify(f with { Board = board });

        Assert.False(checks.Single(c => c.What.StartsWith("Every tracker")).Held);
        Assert.False(checks.Single(c => c.What.StartsWith("The recount")).Held);
    }

    [Fact]
    public void A_removed_ballot_breaks_the_chain_and_the_one_ballot_per_voter_check()
    {
        var f = Sample();
        var (checks, _) = AuditVerifier.Verify(f with { Board = f.Board.Where(b => b.Sequence != 3).ToList() });

        Assert.False(checks.Single(c => c.What.StartsWith("The board's hash chain")).Held);
        Assert.False(checks.Single(c => c.What.StartsWith("One counted ballot")).Held);
    }

    [Fact]
    public void A_stuffed_ballot_with_a_relinked_chain_shows_as_a_ballot_without_a_voter()
    {
        // An operator who adds a ballot and re-links the chain: the chain holds, the head moves, and the roll is one short.
        var f = Make("yes-no", ["Yes", "No"], ("a", "yes"), ("b", "no"), ("c", "yes"));
        var forged = Make("yes-no", ["Yes", "No"], ("a", "yes"), ("b", "no"), ("c", "yes"), ("ghost", "yes"));
        var (checks, _) = AuditVerifier.Verify(forged with { Voters = f.Voters });

        Assert.False(checks.Single(c => c.What.StartsWith("One counted ballot")).Held);
        Assert.NotEqual(f.Head, forged.Head);
    }

    [Fact]
    public void A_published_result_that_differs_from_the_ballots_is_caught()
    {
        var f = Make("yes-no", ["Yes", "No"], ("a", "yes"), ("b", "no"), ("c", "no"));
        var lie = f with { Result = f.Result with { Passed = true, Yes = 2, No = 1 } };

        Assert.False(AuditVerifier.Verify(lie).Checks.Single(c => c.What.StartsWith("The recount")).Held);
    }

    [Fact]
    public void Hostile_files_fail_their_checks_instead_of_crashing()
    {
        var f = Sample();
        AuditFile[] hostile =
        [
            f with { Head = new string('z', 64) },
            f with { Head = null! },
            f with { Motion = f.Motion with { Options = null! } },
            f with { Motion = f.Motion with { Threshold = "unanimous" } },
            f with { Motion = f.Motion with { Seats = 0 } },
            f with { Motion = f.Motion with { QuorumBallots = -1 } },
            f with { Board = [.. f.Board.Take(1), null!] },
            f with { Board = [f.Board[0] with { Choices = null! }] },
            f with { Voters = [null!] },
        ];
        foreach (var file in hostile)
            Assert.Contains(AuditVerifier.Verify(file).Checks, c => !c.Held);
    }

    [Fact]
    public void A_kept_head_and_a_receipts_tracker_catch_a_board_rewritten_from_scratch()
    {
        var honest = Sample();
        var keptHead = honest.Board[2].Hash;   // the head shown live after the third ballot
        var mine = honest.Board[1].Tracker;
        // A server that rewrites the whole board (every tracker anew, the chain re-linked): it verifies on its own…
        var forged = Make("irv", ["Ana", "Ben", "Cy"], ("v1", "1>2"), ("v2", "1>2"), ("v3", "3>2"), ("v1", "3>1"), ("v4", "1"));
        Assert.All(AuditVerifier.Verify(forged).Checks, c => Assert.True(c.Held));
        // …but not against what voters kept.
        var (checks, _) = AuditVerifier.Verify(forged, [keptHead], [mine]);
        Assert.False(checks.Single(c => c.What.StartsWith("The head you kept")).Held);
        Assert.False(checks.Single(c => c.What.StartsWith("Your tracker")).Held);
        Assert.All(AuditVerifier.Verify(honest, [keptHead], [mine]).Checks, c => Assert.True(c.Held));
    }

    [Fact]
    public void The_verify_command_prints_each_check_and_exits_by_the_outcome()
    {
        var dir = Directory.CreateTempSubdirectory();
        var good = Path.Combine(dir.FullName, "good.json");
        File.WriteAllText(good, JsonSerializer.Serialize(Sample(), AuditFile.Json));
        var bad = Path.Combine(dir.FullName, "bad.json");
        var f = Sample();
        File.WriteAllText(bad, JsonSerializer.Serialize(f with { Board = [.. f.Board.Skip(1)] }, AuditFile.Json));
        File.WriteAllText(Path.Combine(dir.FullName, "junk.json"), "{ not json");

        var (code, output, _) = Run(good);
        Assert.Equal(0, code);
        Assert.Contains("ok    The board's hash chain holds", output);
        Assert.Contains("Winner:", output);
        Assert.Equal(1, Run(bad).Code);
        Assert.Contains("FAIL", Run(bad).Output);
        var junk = Run(Path.Combine(dir.FullName, "junk.json"));
        Assert.Equal(2, junk.Code);
        Assert.Contains("can't be read as an audit file", junk.Error);
        Assert.Equal(2, Run(Path.Combine(dir.FullName, "missing.json")).Code);

        static (int Code, string Output, string Error) Run(string path)
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = VerifyCommand.Run([path], TextReader.Null, o, e);
            return (code, o.ToString(), e.ToString());
        }
    }
}
