using Grassroots.Ballots.Board;
using Grassroots.Ballots.Counting;
using System.Text.Json;

namespace Grassroots.Ballots.Audit;

/// <summary>One check of an audit and whether it held.</summary>
public sealed record AuditCheck(string What, bool Held, string? Detail = null);

/// <summary>
/// Recounts a closed motion from its audit file alone. The checks, in order: the board's hash chain holds from its
/// genesis to the published head; every tracker is the hash of its choices and nonce; every choice is a valid ballot
/// of the motion; the ballots counted (those not replaced by a re-vote) are as many as the people on the roll of who
/// voted, each named once, and no more than the eligibility roll; the recount, with the head as the lot's seed,
/// equals the published result.
/// </summary>
public static class AuditVerifier
{
    /// <param name="heads">Heads someone kept while voting was open (the motion page shows it live): each must be a hash on this board.</param>
    /// <param name="trackers">Trackers from receipts: each must be on the board and counted, unless a later ballot of the same voter replaced it.</param>
    public static (IReadOnlyList<AuditCheck> Checks, MotionResult? Recount) Verify(AuditFile file, IReadOnlyCollection<string>? heads = null, IReadOnlyCollection<string>? trackers = null)
    {
        var checks = new List<AuditCheck>();
        var motion = file.Motion;
        MotionRules rules;
        // A file written by hand or by an attacker: every part present and well formed before anything is computed.
        if (motion is null || file.Board is null || file.Voters is null || file.Result is null || file.Head is null
            || file.Board.Any(b => b is null || b.Tracker is null || b.Hash is null || b.Choices is null || b.Nonce is null) || file.Voters.Any(v => v is null))
        {
            checks.Add(new("The file's parts are all present", false, "the motion, the board, its entries' tracker, hash, choices and nonce, the voters, the head and the result"));
            return (checks, null);
        }
        if (file.Head.Length != 64 || !file.Head.All(char.IsAsciiHexDigitLower))
        {
            checks.Add(new("The head is a SHA-256 in lowercase hex", false, file.Head.Length > 80 ? file.Head[..80] + "…" : file.Head));
            return (checks, null);
        }
        try { rules = motion.Rules(); }
        catch (FormatException e) { checks.Add(new("The motion's rules can be read", false, e.Message)); return (checks, null); }

        var (chainProblem, head) = BoardChain.Verify(motion.Id, file.Board.Select(b => new BoardEntry(b.Sequence, b.Tracker, b.Replaces, b.Hash)));
        checks.Add(new("The board's hash chain holds from its genesis", chainProblem is null, chainProblem));
        checks.Add(new("The chain ends at the published head", chainProblem is null && head == file.Head, chainProblem is null && head != file.Head ? $"recomputed head {head}" : null));

        var badTracker = file.Board.FirstOrDefault(b => Tracker.Compute(motion.Id, b.Choices, b.Nonce) != b.Tracker);
        checks.Add(new("Every tracker is the hash of its choices and nonce", badTracker is null, badTracker is null ? null : $"entry {badTracker.Sequence}"));

        var badChoice = file.Board.FirstOrDefault(b => Choices.Normalize(rules.Method, rules.Options.Count, b.Choices).Canonical != b.Choices);
        checks.Add(new("Every ballot is a valid, canonical ballot of this motion", badChoice is null, badChoice is null ? null : $"entry {badChoice.Sequence}: \"{badChoice.Choices}\""));

        var replaced = file.Board.Where(b => b.Replaces is not null).Select(b => b.Replaces!).ToHashSet(StringComparer.Ordinal);
        var counted = file.Board.Where(b => !replaced.Contains(b.Tracker)).ToList();
        var distinctVoters = file.Voters.Distinct(StringComparer.Ordinal).Count();
        checks.Add(new("One counted ballot per person on the roll of who voted", counted.Count == file.Voters.Count && distinctVoters == file.Voters.Count,
            $"{counted.Count:N0} counted ballots, {file.Voters.Count:N0} voters ({distinctVoters:N0} distinct)"));
        checks.Add(new("No more voters than the eligibility roll", file.Voters.Count <= motion.Roll, $"{file.Voters.Count:N0} voted of {motion.Roll:N0} eligible"));

        foreach (var kept in heads ?? [])
        {
            var on = file.Board.Any(b => b.Hash == kept) || kept == BoardChain.Genesis(motion.Id);
            checks.Add(new($"The head you kept ({Short(kept)}) is on this board", on, on ? null : "the board was rewritten after you kept it, or the head is another motion's"));
        }
        foreach (var t in trackers ?? [])
        {
            var entry = file.Board.FirstOrDefault(b => b.Tracker == t);
            checks.Add(new($"Your tracker ({Short(t)}) is on the board", entry is not null,
                entry is null ? "missing: your ballot was dropped" : replaced.Contains(t) ? "replaced by a later ballot of yours" : $"entry {entry.Sequence}, counted, choices \"{entry.Choices}\""));
        }

        if (badChoice is not null) return (checks, null);
        var recount = MotionCount.Count(rules, counted.Select(b => b.Choices), Convert.FromHexString(file.Head));
        var same = JsonSerializer.Serialize(recount, AuditFile.Json) == JsonSerializer.Serialize(file.Result, AuditFile.Json);
        checks.Add(new("The recount equals the published result", same, same ? null : "the published result differs from the recount below"));
        return (checks, recount);
    }

    private static string Short(string s) => s.Length > 16 ? s[..16] + "…" : s;
}
