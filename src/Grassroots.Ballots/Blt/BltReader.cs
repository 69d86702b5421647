using System.Globalization;
using System.Text;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Ballots.Blt;

/// <summary>
/// Reads the BLT ballot format (David Hill's, used by OpenSTV, Droop, ERS and Scottish count software):
/// <code>
/// 4 2              candidates and seats
/// -2               optional: withdrawn candidates, negative
/// 3 1 3 4 0        weight, then candidates by rank (1-based), then 0; one line per ballot or group of identical ones
/// 0                end of ballots
/// "Adams"          one quoted name per candidate, in order
/// "The title"
/// </code>
/// The extensions US cities' published ballots need: "-" marks a skipped rank, "a=b" an overvote (two or more
/// candidates at one rank), "-=-" an overvote whose candidates the source does not name; an optional "(id)" before a ballot's weight is ignored, as are "#" comments.
/// How a count treats skips, overvotes and repeated candidates is <see cref="RankingRules"/>, not the reader's business.
/// </summary>
public static class BltReader
{
    /// <summary>More than any ballot lists; the count's rounds grow with the candidates squared.</summary>
    public const int MaxCandidates = 1_000;
    /// <summary>A ballot line's weight, and all the weights together: sums stay exact in 64 bits at five decimal places.</summary>
    public const long MaxWeight = 1_000_000_000, MaxTotal = 1_000_000_000_000;

    public static BltElection Read(TextReader reader)
    {
        var lineNumber = 0;
        string? Next()
        {
            while (reader.ReadLine() is { } raw)
            {
                lineNumber++;
                var hash = raw.IndexOf('#');
                var line = (hash >= 0 && !raw.TrimStart().StartsWith('"') ? raw[..hash] : raw).Trim();
                if (line.Length > 0) return line;
            }
            return null;
        }

        var header = Next() ?? throw new BltFormatException(lineNumber, "the file is empty; it should start with the number of candidates and seats.");
        var head = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (head.Length != 2 || !int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out var candidates) || !int.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seats))
            throw new BltFormatException(lineNumber, $"expected two whole numbers (candidates and seats), found \"{Clip(header)}\".");
        if (candidates < 1 || candidates > MaxCandidates) throw new BltFormatException(lineNumber, $"the number of candidates must be between 1 and {MaxCandidates:N0}.");
        if (seats < 1 || seats > candidates) throw new BltFormatException(lineNumber, $"the number of seats must be between 1 and the {candidates} candidates.");

        var withdrawn = new List<int>();
        var ballots = new List<BltBallot>();
        var line = Next();
        if (line is not null && line.StartsWith('-') && line.Length > 1 && char.IsDigit(line[1]))
        {
            foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) || w >= 0 || -w > candidates)
                    throw new BltFormatException(lineNumber, $"a withdrawn candidate is written as a negative candidate number from -1 to -{candidates}; found \"{Clip(token)}\".");
                withdrawn.Add(-w - 1);
            }
            line = Next();
        }

        var total = 0L;
        for (; ; line = Next())
        {
            if (line is null) throw new BltFormatException(lineNumber, "the file ended before the line \"0\" that closes the ballots.");
            if (line == "0") break;
            var ballot = Ballot(line, candidates, lineNumber);
            if ((total += ballot.Weight) > MaxTotal) throw new BltFormatException(lineNumber, $"the weights add up to more than {MaxTotal:N0} ballots.");
            ballots.Add(ballot);
        }

        var names = new List<string>();
        string? title = null;
        while (Next() is { } text)
        {
            foreach (var quoted in Quoted(text, lineNumber))
            {
                if (names.Count < candidates) names.Add(quoted);
                else if (title is null) title = quoted;
                else throw new BltFormatException(lineNumber, "there is more text after the title.");
            }
        }
        if (names.Count < candidates) throw new BltFormatException(lineNumber, $"the file names {names.Count} of its {candidates} candidates; each needs a quoted name after the ballots.");
        return new BltElection(seats, names, withdrawn, ballots, title ?? "");
    }

    public static BltElection Read(string text) => Read(new StringReader(text));

    private static BltBallot Ballot(string line, int candidates, int lineNumber)
    {
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        if (tokens[0].StartsWith('(')) i++;   // an optional ballot id
        if (i >= tokens.Length || !long.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            throw new BltFormatException(lineNumber, $"a ballot starts with its weight, a whole number; found \"{Clip(line)}\".");
        if (weight > MaxWeight) throw new BltFormatException(lineNumber, $"a ballot's weight is at most {MaxWeight:N0}.");
        i++;
        if (tokens[^1] != "0") throw new BltFormatException(lineNumber, "a ballot ends with 0.");
        var marks = new int[tokens.Length - 1 - i];
        List<int[]?>? overvotes = null;
        for (var r = 0; r < marks.Length; r++)
        {
            var token = tokens[i + r];
            if (token == "-") { marks[r] = Mark.Skipped; continue; }
            if (token.Contains('='))
            {
                var parts = token.Split('=');
                (overvotes ??= []).Add(parts.Any(p => p == "-") ? null : parts.Select(p => Candidate(p, candidates, lineNumber)).ToArray());
                marks[r] = Mark.Overvote;
                continue;
            }
            marks[r] = Candidate(token, candidates, lineNumber);
        }
        return new BltBallot(weight, marks, overvotes);
    }

    private static int Candidate(string token, int candidates, int lineNumber) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= 1 && c <= candidates
            ? c - 1
            : throw new BltFormatException(lineNumber, $"\"{Clip(token)}\" is not a candidate: ranks are candidate numbers from 1 to {candidates}, \"-\" for a skipped rank or \"a=b\" for an overvote.");

    private static IEnumerable<string> Quoted(string text, int lineNumber)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text[i] != '"') throw new BltFormatException(lineNumber, $"names and the title are written in double quotes; found \"{Clip(text)}\".");
            var sb = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"') sb.Append(text[i++]);
            if (i >= text.Length) throw new BltFormatException(lineNumber, "a quoted name is not closed.");
            i++;
            yield return sb.ToString();
        }
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
