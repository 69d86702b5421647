using System.Text.Json;
using Grassroots.Ballots.Audit;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Features.Convention;

/// <summary>
/// `verify AUDIT.json [--head H]… [--tracker T]…`: recounts a closed motion from the audit file its assembly page
/// offers (or "-" for standard input) and prints each check; a head kept while voting was open, and trackers from
/// receipts, are checked against the board too (a server that rewrote the whole chain can't pass those). Exit code 0
/// when everything holds, 1 when something does not, 2 when the file can't be read. Needs no database and trusts
/// nothing the server says beyond the file.
/// </summary>
public static class VerifyCommand
{
    public const string Name = "verify";

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? path = null;
        var heads = new List<string>();
        var trackers = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--head" && i + 1 < args.Length) heads.Add(args[++i].Replace(" ", "").ToLowerInvariant());
            else if (args[i] == "--tracker" && i + 1 < args.Length) trackers.Add(args[++i].Replace(" ", "").ToLowerInvariant());
            else if (path is null && !args[i].StartsWith("--")) path = args[i];
            else path = null;
        }
        if (path is null)
        {
            error.WriteLine("Usage: verify AUDIT.json [--head H]… [--tracker T]…   (the audit file of a closed motion; - reads standard input)");
            return 2;
        }
        AuditFile? file;
        try
        {
            var json = path == "-" ? input.ReadToEnd() : File.ReadAllText(path);
            file = JsonSerializer.Deserialize<AuditFile>(json, AuditFile.Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            error.WriteLine($"{path}: can't be read as an audit file: {e.Message}");
            return 2;
        }
        if (file is null || file.Format != AuditFile.CurrentFormat || file.Motion is null || file.Board is null || file.Voters is null || file.Result is null || file.Head is null)
        {
            error.WriteLine($"{path}: not an audit file of the format {AuditFile.CurrentFormat}.");
            return 2;
        }

        output.WriteLine($"{file.Motion.Title} ({file.Motion.Method}, {file.Board.Count:N0} board entries, {file.Voters.Count:N0} voters)");
        var (checks, recount) = AuditVerifier.Verify(file, heads, trackers);
        foreach (var c in checks) output.WriteLine($"{(c.Held ? "ok  " : "FAIL")}  {c.What}{(c.Detail is null ? "" : $" — {c.Detail}")}");
        if (recount is not null)
        {
            output.WriteLine();
            if (recount.Rounds is { } table) RoundTableText.Write(table, output);
            else if (recount.Yes is not null)
                output.WriteLine($"Yes {recount.Yes:N0}, no {recount.No:N0}, abstain {recount.Abstain:N0}; quorum {recount.QuorumRequired:N0} {(recount.QuorumMet ? "met" : "not met")}; threshold {recount.Threshold}: {(recount.Passed == true ? "passed" : "not passed")}.");
            else if (recount.Approvals is { } approvals)
                for (var i = 0; i < approvals.Count; i++) output.WriteLine($"{file.Motion.Options[i]}: {approvals[i]:N0}{(recount.Winners.Contains(i) ? "  (elected)" : "")}");
            if (recount.Rounds is not null && recount.Winners.Count == 0) output.WriteLine("Nobody is elected: no ballots, or no quorum.");
        }
        return checks.All(c => c.Held) ? 0 : 1;
    }
}
