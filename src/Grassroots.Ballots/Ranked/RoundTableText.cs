using System.Globalization;

namespace Grassroots.Ballots.Ranked;

/// <summary>A round table as plain text: a row per candidate, a column per round, then what each round decided.</summary>
public static class RoundTableText
{
    public static void Write(RoundTable table, TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        var stv = table.Method == "stv";
        string Num(decimal d) => stv ? d.ToString("#,0.00000", inv) : d.ToString("#,0", inv);
        var nameWidth = Math.Max(12, table.Candidates.Append("Lost to rounding").Max(c => c.Length)) + 2;
        var rounds = table.Rounds;
        var widths = rounds.Select(r => Math.Max(10, r.Votes.Append(r.Exhausted).Max(v => Num(v).Length) + 2)).ToList();

        w.WriteLine(stv
            ? $"Single transferable vote, {table.Seats} seats; {table.Ballots.ToString("N0", inv)} ballots; quota {Num(table.Quota ?? 0)}"
            : $"Instant runoff; {table.Ballots.ToString("N0", inv)} ballots");
        w.Write("".PadRight(nameWidth));
        for (var i = 0; i < rounds.Count; i++) w.Write($"{(stv ? "Stage" : "Round")} {rounds[i].Number}".PadLeft(widths[i]));
        w.WriteLine();
        for (var c = 0; c < table.Candidates.Count; c++)
        {
            w.Write(table.Candidates[c].PadRight(nameWidth));
            var gone = false;
            for (var i = 0; i < rounds.Count; i++)
            {
                w.Write((gone ? "" : Num(rounds[i].Votes[c])).PadLeft(widths[i]));
                if (rounds[i].Eliminated.Contains(c)) gone = true;
            }
            w.WriteLine();
        }
        w.Write("Exhausted".PadRight(nameWidth));
        for (var i = 0; i < rounds.Count; i++) w.Write(Num(rounds[i].Exhausted).PadLeft(widths[i]));
        w.WriteLine();
        if (stv)
        {
            w.Write("Lost to rounding".PadRight(nameWidth));
            for (var i = 0; i < rounds.Count; i++) w.Write(Num(rounds[i].LostToRounding).PadLeft(widths[i]));
            w.WriteLine();
        }
        w.WriteLine();
        foreach (var r in rounds)
        {
            var acts = new List<string>();
            if (r.Elected.Count > 0) acts.Add("elected " + string.Join(", ", r.Elected.Select(c => table.Candidates[c])));
            if (r.Eliminated.Count > 0) acts.Add((stv ? "excluded " : "eliminated ") + string.Join(", ", r.Eliminated.Select(c => table.Candidates[c])));
            if (r.SurplusOf is { } s) acts.Add($"surplus of {table.Candidates[s]} transferred at {r.TransferValue?.ToString("0.00000", inv)}");
            if (r.TieBreak == TieBreak.EarlierRound) acts.Add("a tie settled by the earlier rounds");
            if (r.TieBreak == TieBreak.Lot) acts.Add("a tie settled by lot");
            if (acts.Count > 0) w.WriteLine($"{(stv ? "Stage" : "Round")} {r.Number}: {string.Join("; ", acts)}.");
        }
        w.WriteLine(table.Winners.Count == 0 ? "No winner." : $"{(table.Winners.Count == 1 ? "Winner" : "Elected")}: {string.Join(", ", table.WinnerNames)}");
    }
}
