using System.Security.Cryptography;
using Grassroots.Ballots.Blt;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Features.Convention;

/// <summary>
/// `count --method irv|stv [--seats N] [--batch] [--skipped pass-over|exhaust-after-two]
/// [--overvote exhaust|pass-over|count-if-one-continuing] FILE.blt`: counts a BLT file
/// and prints the round table, so anyone can check the counting engine against a public election. Needs no database.
/// The lot, if a tie needs one, is seeded with the file's SHA-256.
/// </summary>
public static class CountCommand
{
    public const string Name = "count";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? method = null, file = null;
        int? seats = null;
        var batch = false;
        var skipped = SkippedRanks.PassOver;
        var overvotes = Overvotes.Exhaust;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--method" when i + 1 < args.Length: method = args[++i]; break;
                case "--seats" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s > 0: seats = s; i++; break;
                case "--batch": batch = true; break;
                case "--skipped" when i + 1 < args.Length && args[i + 1] is "pass-over" or "exhaust-after-two":
                    skipped = args[++i] == "pass-over" ? SkippedRanks.PassOver : SkippedRanks.ExhaustAfterTwo; break;
                case "--overvote" when i + 1 < args.Length && args[i + 1] is "exhaust" or "pass-over" or "count-if-one-continuing":
                    overvotes = args[++i] switch { "exhaust" => Overvotes.Exhaust, "pass-over" => Overvotes.PassOver, _ => Overvotes.CountIfOneContinuing }; break;
                case var a when !a.StartsWith("--") && file is null: file = a; break;
                default: return Usage(error, $"\"{args[i]}\" is not understood.");
            }
        }
        if (method is not ("irv" or "stv")) return Usage(error, "Name the method: --method irv (one seat) or --method stv (several).");
        if (file is null) return Usage(error, "Name the BLT file to count.");
        if (!File.Exists(file)) return Usage(error, $"There is no file {file}.");

        var bytes = File.ReadAllBytes(file);
        BltElection election;
        try { election = BltReader.Read(new StreamReader(new MemoryStream(bytes))); }
        catch (BltFormatException e) { error.WriteLine($"{file}: {e.Message}"); return 2; }

        var ballots = election.Rank(new RankingRules(skipped, overvotes));
        var seed = SHA256.HashData(bytes);
        output.WriteLine(election.Title.Length > 0 ? election.Title : Path.GetFileName(file));
        var table = method == "irv"
            ? InstantRunoff.Count(ballots, election.Candidates, seed, new InstantRunoffOptions(batch, election.Withdrawn))
            : SingleTransferableVote.Count(ballots, election.Candidates, seats ?? election.Seats, seed, new SingleTransferableVoteOptions(election.Withdrawn));
        RoundTableText.Write(table, output);
        return 0;
    }

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine("Usage: count --method irv|stv [--seats N] [--batch] [--skipped pass-over|exhaust-after-two] [--overvote exhaust|pass-over|count-if-one-continuing] FILE.blt");
        return 2;
    }
}
