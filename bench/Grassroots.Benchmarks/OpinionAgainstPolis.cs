using System.Globalization;
using Grassroots.Opinion;

namespace Grassroots.Benchmarks;

/// <summary>
/// The opinion map against Pol.is' own groups on real public conversations: for each folder of a Pol.is export
/// (compdemocracy/openData: votes.csv, comments.csv, participants-votes.csv), recompute the map from the votes and
/// moderation and compare the groups with the group-id Pol.is published, by adjusted Rand index over the participants
/// both put in a group. Pol.is' groups come from a history of recomputes (warm starts, k held); so does the
/// "replayed" column, which recomputes after every 5% of the votes in time order.
/// </summary>
public static class OpinionAgainstPolis
{
    public static void Run(string root, TextWriter output)
    {
        output.WriteLine("| conversation | votes | participants | clustered (ours / Pol.is) | k (ours / Pol.is) | adjusted Rand index | replayed in 20 steps: k, ARI | time |");
        output.WriteLine("| --- | ---: | ---: | --- | --- | ---: | --- | ---: |");
        foreach (var dir in Directory.GetDirectories(root).Order())
        {
            string votesFile = Path.Combine(dir, "votes.csv"), commentsFile = Path.Combine(dir, "comments.csv"), groupsFile = Path.Combine(dir, "participants-votes.csv");
            if (!File.Exists(votesFile) || !File.Exists(commentsFile) || !File.Exists(groupsFile)) continue;

            // votes.csv: a voter's last vote on a statement counts, so in time order (ties in file order).
            var votes = Rows(votesFile)
                .Select((r, i) => (Time: long.Parse(r["timestamp"], CultureInfo.InvariantCulture), Index: i,
                    Vote: new Vote(int.Parse(r["voter-id"], CultureInfo.InvariantCulture), int.Parse(r["comment-id"], CultureInfo.InvariantCulture), sbyte.Parse(r["vote"], CultureInfo.InvariantCulture))))
                .OrderBy(v => v.Time).ThenBy(v => v.Index).Select(v => v.Vote).ToList();
            // Pol.is' math leaves out statements moderated out and meta statements (is-meta, in newer exports) alike.
            var moderated = Rows(commentsFile).Where(r => r["moderated"] == "-1" || r.GetValueOrDefault("is-meta") == "true")
                .Select(r => int.Parse(r["comment-id"], CultureInfo.InvariantCulture)).ToHashSet();
            // Newer exports give a group to participants with fewer than 7 votes too; compare those Pol.is clustered by its own rule.
            var grouped = Rows(groupsFile).Where(r => r["group-id"] != "").ToList();
            var polis = grouped.Where(r => int.Parse(r["n-votes"], CultureInfo.InvariantCulture) >= 7)
                .ToDictionary(r => int.Parse(r["participant"], CultureInfo.InvariantCulture), r => int.Parse(r["group-id"], CultureInfo.InvariantCulture));
            var fewer = grouped.Count - polis.Count;

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var map = OpinionMap.Compute(votes, moderated, null);
            var time = clock.Elapsed;
            OpinionMapState? state = null;
            OpinionMapResult replayed = map;
            for (var step = 1; step <= 20; step++)
            {
                replayed = OpinionMap.Compute(votes.Take(votes.Count * step / 20).ToList(), moderated, state);
                state = replayed.State;
            }
            output.WriteLine($"| {Path.GetFileName(dir)} | {votes.Count:N0} | {map.Participants.Count:N0} | {map.Participants.Count(p => p.Group is not null)} / {polis.Count}{(fewer > 0 ? $" (+{fewer} with fewer than 7 votes)" : "")} | {map.GroupCount} / {polis.Values.Distinct().Count()} | {Agreement(map, polis)} | {replayed.GroupCount}, {Agreement(replayed, polis)} | {time.TotalMilliseconds:F0} ms |");
        }
    }

    private static string Agreement(OpinionMapResult map, Dictionary<int, int> polis)
    {
        var both = map.Participants.Where(p => p.Group is not null && polis.ContainsKey(p.Participant)).ToList();
        return both.Count < 2 ? "–" : Grassroots.Opinion.AdjustedRandIndex.Of(both.Select(p => polis[p.Participant]).ToArray(), both.Select(p => p.Group!.Value).ToArray()).ToString("F3", CultureInfo.InvariantCulture);
    }

    /// <summary>The rows of a CSV file by header name (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks).</summary>
    private static List<Dictionary<string, string>> Rows(string file)
    {
        var records = new List<List<string>>();
        var text = File.ReadAllText(file);
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var header = records[0];
        return records.Skip(1).Where(r => r.Count == header.Count)
            .Select(r => header.Select((h, k) => (h, v: r[k])).ToDictionary(x => x.h, x => x.v)).ToList();
    }
}
