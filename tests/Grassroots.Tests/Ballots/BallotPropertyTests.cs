using CsCheck;
using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Tests.Ballots;

public class BallotPropertyTests
{
    private static readonly byte[] Seed = "property seed"u8.ToArray();

    /// <summary>Rankings of up to 5 candidates: a shuffled prefix of 0..4, at least one long.</summary>
    private static readonly Gen<int[]> Ranking = Gen.Int[1, 5].SelectMany(len => Gen.Shuffle(Enumerable.Range(0, 5).ToArray()).Select(p => p.Take(len).ToArray()));

    private static RoundTable Irv(IEnumerable<int[]> ballots)
    {
        var b = RankedBallots.Create(5);
        foreach (var r in ballots) b.Add(r);
        return InstantRunoff.Count(b.Build(), Elections.Names(5), Seed);
    }

    private static RoundTable Stv(IEnumerable<int[]> ballots)
    {
        var b = RankedBallots.Create(5);
        foreach (var r in ballots) b.Add(r);
        return SingleTransferableVote.Count(b.Build(), Elections.Names(5), 2, Seed);
    }

    [Fact]
    public void Ranked_tallies_do_not_depend_on_the_order_of_the_ballots() =>
        Ranking.Array[1, 60].SelectMany(ballots => Gen.Shuffle(ballots.ToArray()).Select(shuffled => (ballots, shuffled)))
            .Sample(x =>
            {
                var (a, b) = (Irv(x.ballots), Irv(x.shuffled));
                Assert.Equal(a.Winners, b.Winners);
                Assert.Equal(a.Rounds.Select(r => string.Join(',', r.Votes)), b.Rounds.Select(r => string.Join(',', r.Votes)));
                var (s, t) = (Stv(x.ballots), Stv(x.shuffled));
                Assert.Equal(s.Winners, t.Winners);
                Assert.Equal(s.Rounds.Select(r => string.Join(',', r.Votes) + r.Exhausted), t.Rounds.Select(r => string.Join(',', r.Votes) + r.Exhausted));
            }, iter: 300);

    [Fact]
    public void Approval_and_yes_no_tallies_do_not_depend_on_the_order_of_the_ballots()
    {
        var approval = new MotionRules(MotionMethod.Approval, ["a", "b", "c", "d"], 2, Threshold.Majority, new Quorum(), 1000);
        var yesNo = approval with { Method = MotionMethod.YesNo };
        Gen.Int[0, 15].Select(mask => string.Join(',', Enumerable.Range(0, 4).Where(i => (mask & (1 << i)) != 0).Select(i => i + 1)))
            .Array[0, 50].SelectMany(ballots => Gen.Shuffle(ballots.ToArray()).Select(shuffled => (ballots, shuffled)))
            .Sample(x =>
            {
                Assert.Equal(MotionCount.Count(approval, x.ballots, Seed), MotionCount.Count(approval, x.shuffled, Seed), ResultEquality.Instance);
                var yn = x.ballots.Select(b => b.Length % 3 == 0 ? "yes" : b.Length % 3 == 1 ? "no" : "abstain").ToArray();
                Assert.Equal(MotionCount.Count(yesNo, yn, Seed), MotionCount.Count(yesNo, yn.Reverse(), Seed), ResultEquality.Instance);
            }, iter: 300);
    }

    [Fact]
    public void Every_ballot_counts_once_in_every_round()
    {
        Ranking.Array[1, 80].Sample(ballots =>
        {
            var t = Stv(ballots);
            foreach (var r in t.Rounds) Assert.Equal(ballots.Length, r.Votes.Sum() + r.Exhausted + r.LostToRounding);
            var i = Irv(ballots);
            foreach (var r in i.Rounds) Assert.Equal(ballots.Length, r.Votes.Sum() + r.Exhausted);
        }, iter: 300);
    }

    private static List<BoardEntry> Board(string motion, int n)
    {
        var entries = new List<BoardEntry>();
        var previous = BoardChain.Genesis(motion);
        for (var i = 1; i <= n; i++)
        {
            var tracker = Tracker.Compute(motion, "yes", i.ToString("x32"));
            var replaces = i % 4 == 0 ? entries[i - 3].Tracker : null;
            var hash = BoardChain.Link(previous, i, tracker, replaces);
            entries.Add(new BoardEntry(i, tracker, replaces, hash));
            previous = hash;
        }
        return entries;
    }

    [Fact]
    public void An_intact_board_verifies_to_its_head()
    {
        var board = Board("m1", 50);
        var (problem, head) = BoardChain.Verify("m1", board);
        Assert.Null(problem);
        Assert.Equal(board[^1].Hash, head);
        Assert.NotNull(BoardChain.Verify("m2", board).Problem);   // the chain belongs to its motion
    }

    [Fact]
    public void The_hash_chain_detects_any_single_change()
    {
        var board = Board("m1", 40);
        var head = board[^1].Hash;
        // A change: remove, alter a tracker, alter what it replaces, swap with the next, or insert a copy — at any entry.
        Gen.Select(Gen.Int[0, board.Count - 1], Gen.Int[0, 4]).Sample((at, kind) =>
        {
            var changed = board.ToList();
            switch (kind)
            {
                case 0: changed.RemoveAt(at); break;
                case 1: changed[at] = changed[at] with { Tracker = Tracker.Compute("m1", "no", at.ToString("x32")) }; break;
                case 2: changed[at] = changed[at] with { Replaces = changed[at].Replaces is null ? board[0].Tracker : null }; break;
                case 3 when at + 1 < changed.Count: (changed[at], changed[at + 1]) = (changed[at + 1], changed[at]); break;
                case 3: changed.RemoveAt(at); break;
                default: changed.Insert(at, changed[at]); break;
            }
            var (problem, newHead) = BoardChain.Verify("m1", changed);
            Assert.True(problem is not null || newHead != head, $"change {kind} at {at} went unnoticed");
        }, iter: 400);
    }

    [Fact]
    public void Rewriting_the_chain_after_a_change_still_moves_the_head()
    {
        // An operator who re-links every hash after altering a ballot makes a valid chain, but a different head:
        // anyone who kept the head (the page shows it live) sees it.
        var board = Board("m1", 20);
        var altered = new List<BoardEntry>();
        var previous = BoardChain.Genesis("m1");
        foreach (var e in board)
        {
            var tracker = e.Sequence == 7 ? Tracker.Compute("m1", "no", "forged") : e.Tracker;
            var hash = BoardChain.Link(previous, e.Sequence, tracker, e.Replaces);
            altered.Add(e with { Tracker = tracker, Hash = hash });
            previous = hash;
        }
        var (problem, head) = BoardChain.Verify("m1", altered);
        Assert.Null(problem);
        Assert.NotEqual(board[^1].Hash, head);
    }

    private sealed class ResultEquality : IEqualityComparer<MotionResult>
    {
        public static readonly ResultEquality Instance = new();
        public bool Equals(MotionResult? x, MotionResult? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);
        public int GetHashCode(MotionResult obj) => 0;
    }
}
