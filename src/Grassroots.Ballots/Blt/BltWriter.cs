using System.Globalization;
using Grassroots.Ballots.Ranked;

namespace Grassroots.Ballots.Blt;

/// <summary>Writes an election as BLT (see <see cref="BltReader"/>), so other counting programs can recount it.</summary>
public static class BltWriter
{
    public static void Write(BltElection election, TextWriter writer)
    {
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{election.Candidates.Count} {election.Seats}\n"));
        if (election.Withdrawn.Count > 0) writer.Write(string.Join(' ', election.Withdrawn.Select(w => (-(w + 1)).ToString(CultureInfo.InvariantCulture))) + "\n");
        foreach (var b in election.Ballots)
        {
            writer.Write(b.Weight.ToString(CultureInfo.InvariantCulture));
            var overvote = 0;
            foreach (var m in b.Marks)
                writer.Write(m switch
                {
                    Mark.Skipped => " -",
                    Mark.Overvote => " " + (b.Overvotes?.ElementAtOrDefault(overvote++) is { } g
                        ? string.Join('=', g.Select(c => (c + 1).ToString(CultureInfo.InvariantCulture)))
                        : "-=-"),
                    _ => " " + (m + 1).ToString(CultureInfo.InvariantCulture),
                });
            writer.Write(" 0\n");
        }
        writer.Write("0\n");
        foreach (var name in election.Candidates) writer.Write(Quote(name) + "\n");
        writer.Write(Quote(election.Title) + "\n");
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "'") + "\"";
}
