using System.Globalization;
using System.Text;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Grassroots.Opinion;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>Reads a conversation's last computed map: groups with their statements' text, consensus, the participants, the SVG.</summary>
public sealed class OpinionMaps(AppDbContext db)
{
    /// <summary>Colours for groups A–E (and beyond), distinct for colour-blind readers (Okabe–Ito), dark enough on white.</summary>
    public static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9", "#E69F00", "#000000"];

    public static string Label(int group) => ((char)('A' + group % 26)).ToString();

    public async Task<OpinionMapView?> ReadAsync(Guid conversationId, Guid? member, CancellationToken ct) =>
        (await LoadAsync(conversationId, member, points: member is not null, ct))?.View;

    /// <summary>
    /// The map and its SVG from one read of the stored points (a million participants are 13 MB: read and unpacked once).
    /// <paramref name="describe"/> gives the picture's title and description from the map, <paramref name="dotTitle"/> a dot's
    /// tooltip from the people it stands for and their group.
    /// </summary>
    public async Task<(OpinionMapView View, string Svg)?> ReadWithSvgAsync(Guid conversationId, Guid? member,
        Func<OpinionMapView, (string Title, string Description)> describe, string you, Func<int, int, string> dotTitle, CancellationToken ct)
    {
        if (await LoadAsync(conversationId, member, points: true, ct) is not { } loaded) return null;
        var (title, description) = describe(loaded.View);
        return (loaded.View, Svg(loaded.Points, loaded.Me, title, description, you, dotTitle));
    }

    private async Task<(OpinionMapView View, List<(int Number, float X, float Y, int? Group)> Points, int? Me)?> LoadAsync(
        Guid conversationId, Guid? member, bool points, CancellationToken ct)
    {
        var row = await db.OpinionMaps.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .Select(m => new { m.ComputedAt, m.VotesSeen, m.Summary, Points = points ? m.Points : null }).SingleOrDefaultAsync(ct);
        if (row is null || OpinionRecompute.Deserialize<OpinionRecompute.StoredSummary>(row.Summary) is not { } s) return null;
        var ids = s.Groups.SelectMany(g => g.Representative.Select(r => r.Statement)).Concat(s.Agree.Select(c => c.Statement)).Concat(s.Disagree.Select(c => c.Statement)).Distinct().ToList();
        // Only statements shown to everyone now: one rejected (or waiting for a moderator) since the map was computed is left out.
        var strict = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.StatementsNeedApproval).SingleOrDefaultAsync(ct);
        var texts = await db.Statements.AsNoTracking().Where(x => x.ConversationId == conversationId && ids.Contains(x.Number)).Where(Statement.Shown(strict))
            .ToDictionaryAsync(x => x.Number, x => x.Text, ct);
        // Only what truly sets a group apart: a stance some in the group took, more likely in it than elsewhere by
        // Pol.is' two-proportion test at 90% (z > 1.2816). Tiny groups get no filler, and a statement nobody in the
        // group disagreed with is never shown as its disagreement (the smoothed estimates alone would allow it).
        var groups = s.Groups.Select(g => new GroupView(g.Id, Label(g.Id), g.Size, g.Representative
            .Where(r => texts.ContainsKey(r.Statement) && r.Votes > 0 && r.Representativeness > 1 && r.RepresentativenessZ > SignificantZ)
            .Select(r => new GroupStatementView(r.Statement, texts.GetValueOrDefault(r.Statement, ""), r.For, r.Seen == 0 ? 0 : (int)Math.Round(100.0 * r.Votes / r.Seen),
                Percent(r.Probability / Math.Max(r.Representativeness, 1e-9)), r.Votes, r.Seen)).ToList())).ToList();
        ConsensusView Consensus(ConsensusStatement c, bool agree) =>
            new(c.Statement, texts.GetValueOrDefault(c.Statement, ""), agree, (agree ? c.GroupAgree : c.GroupDisagree).Select(Percent).ToList());
        var unpacked = row.Points is { } bytes ? OpinionRecompute.Unpack(bytes).ToList() : [];
        var me = await db.ConversationParticipants.NumberOfAsync(conversationId, member, ct);
        var mine = me is { } n ? unpacked.FirstOrDefault(p => p.Number == n).Group : null;
        return (new OpinionMapView(row.ComputedAt, row.VotesSeen, s.Groups.Sum(g => g.Size), groups,
            s.Agree.Where(c => texts.ContainsKey(c.Statement)).Select(c => Consensus(c, true)).ToList(),
            s.Disagree.Where(c => texts.ContainsKey(c.Statement)).Select(c => Consensus(c, false)).ToList(), mine), unpacked, me);
    }

    /// <summary>90% one-tailed, Pol.is' threshold for a representative statement.</summary>
    private const double SignificantZ = 1.2816;

    private static int Percent(double p) => (int)Math.Round(Math.Clamp(p, 0, 1) * 100);

    private async Task<List<(int Number, float X, float Y, int? Group)>> PointsAsync(Guid conversationId, CancellationToken ct) =>
        await db.OpinionMaps.AsNoTracking().Where(m => m.ConversationId == conversationId).Select(m => m.Points).SingleOrDefaultAsync(ct) is { } bytes
            ? OpinionRecompute.Unpack(bytes).ToList() : [];

    /// <summary>Every participant with the number they have in the conversation (an import's ids kept), their group, and Pol.is' group for an import.</summary>
    public async Task<Page<ParticipantView>> ParticipantsAsync(Guid conversationId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var points = await PointsAsync(conversationId, ct);
        var rows = points.OrderBy(x => x.Number).Skip((p - 1) * size).Take(size).ToList();
        var numbers = rows.Select(x => x.Number).ToList();
        var polis = await PolisGroupsAsync(conversationId, numbers, ct);
        return new Page<ParticipantView>(rows.Select(x => new ParticipantView(x.Number, x.Group, polis.GetValueOrDefault(x.Number))).ToList(), p, size, points.Count);
    }

    /// <summary>Every participant of the last map, unpaged (the import command compares the groups with Pol.is').</summary>
    internal async Task<List<ParticipantView>> AllParticipantsAsync(Guid conversationId, CancellationToken ct)
    {
        var polis = await PolisGroupsAsync(conversationId, null, ct);
        return (await PointsAsync(conversationId, ct)).Select(x => new ParticipantView(x.Number, x.Group, polis.GetValueOrDefault(x.Number))).ToList();
    }

    private async Task<Dictionary<int, int?>> PolisGroupsAsync(Guid conversationId, List<int>? numbers, CancellationToken ct)
    {
        var q = db.ConversationParticipants.AsNoTracking().Where(x => x.ConversationId == conversationId && x.PolisGroup != null);
        if (numbers is not null) q = q.Where(x => numbers.Contains(x.Number));
        return await q.ToDictionaryAsync(x => x.Number, x => x.PolisGroup, ct);
    }

    /// <summary>
    /// The map as SVG, drawn on the server so it reads without JavaScript: anonymous dots coloured and shaped by
    /// group (a letter for each group, not colour alone), the reader's own dot ringed. People who share a position
    /// (who voted alike) are one dot sized by how many they are, its &lt;title&gt; saying so (<paramref name="dotTitle"/>:
    /// count and group), so a crowd never looks like one person. Beyond a few thousand people the dots are binned on a
    /// grid, each bin drawn in its largest group's colour, sized by how many it holds. The plot keeps a margin the
    /// largest dot and the labels fit in, and the "you are here" label turns toward the middle near an edge.
    /// </summary>
    internal static string Svg(List<(int Number, float X, float Y, int? Group)> all, int? me, string title, string description, string you,
        Func<int, int, string> dotTitle)
    {
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var points = all.Where(p => p.Group is not null).ToList();
        const int Size = 400, Pad = 32, MaxR = 12;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-labelledby=\"map-title map-desc\" class=\"opinion-map\">");
        svg.Append("<title id=\"map-title\">").Append(E(title)).Append("</title><desc id=\"map-desc\">").Append(E(description)).Append("</desc>");
        svg.Append($"<rect width=\"{Size}\" height=\"{Size}\" fill=\"#fff\" stroke=\"#ccc\"/>");
        if (points.Count > 0)
        {
            var (minX, maxX, minY, maxY) = (points.Min(p => p.X), points.Max(p => p.X), points.Min(p => p.Y), points.Max(p => p.Y));
            double Sx(float x) => Pad + (maxX == minX ? 0.5 : (x - minX) / (maxX - minX)) * (Size - 2 * Pad);
            double Sy(float y) => Size - Pad - (maxY == minY ? 0.5 : (y - minY) / (maxY - minY)) * (Size - 2 * Pad);
            string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
            // A dot's area grows with the people it stands for: 1 → r 4, 4 → r 8, 9 or more → r 12.
            static double Radius(int n) => Math.Min(MaxR, 4 * Math.Sqrt(n));
            var myR = 4.0;
            var mine = me is { } n ? points.FirstOrDefault(p => p.Number == n) : default;
            if (points.Count <= 3000)
                foreach (var dot in points.GroupBy(p => (F(Sx(p.X)), F(Sy(p.Y)), p.Group!.Value)))
                {
                    var (cx, cy, group) = dot.Key;
                    var count = dot.Count();
                    if (mine.Group is not null && dot.Any(p => p.Number == mine.Number)) myR = Radius(count);
                    svg.Append($"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{F(Radius(count))}\" fill=\"{Colours[group % Colours.Length]}\" fill-opacity=\"0.7\"><title>{E(dotTitle(count, group))}</title></circle>");
                }
            else
                foreach (var bin in points.GroupBy(p => ((int)(Sx(p.X) / 10), (int)(Sy(p.Y) / 10))))
                {
                    var group = bin.GroupBy(p => p.Group!.Value).MaxBy(g => g.Count())!.Key;
                    var r = Math.Min(9, 2 + Math.Log2(bin.Count()));
                    svg.Append($"<circle cx=\"{bin.Key.Item1 * 10 + 5}\" cy=\"{bin.Key.Item2 * 10 + 5}\" r=\"{F(r)}\" fill=\"{Colours[group % Colours.Length]}\" fill-opacity=\"0.7\"><title>{E(dotTitle(bin.Count(), group))}</title></circle>");
                }
            // Each group's letter at its centre of mass: the colour is never the only cue.
            foreach (var g in points.GroupBy(p => p.Group!.Value))
                svg.Append($"<text x=\"{F(Math.Clamp(g.Average(p => Sx(p.X)), 14, Size - 14))}\" y=\"{F(Math.Max(22, g.Average(p => Sy(p.Y)) - 12))}\" font-size=\"22\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">{Label(g.Key)}</text>");
            if (mine.Group is not null)
            {
                // The label sits on the side of the dot toward the middle, above it unless that is off the top: never cut at an edge.
                var (x, y, ring) = (Sx(mine.X), Sy(mine.Y), myR + 4);
                var right = x <= Size / 2.0;
                var tx = right ? x + ring + 4 : x - ring - 4;
                var ty = y - ring - 14 < 0 ? y + ring + 14 : y - ring - 2;
                svg.Append($"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"{F(ring)}\" fill=\"none\" stroke=\"#111\" stroke-width=\"2.5\"/>")
                   .Append($"<text x=\"{F(tx)}\" y=\"{F(ty)}\" font-size=\"14\" text-anchor=\"{(right ? "start" : "end")}\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{E(you)}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }
}
