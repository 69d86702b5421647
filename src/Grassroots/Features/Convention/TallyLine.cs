using System.Globalization;
using Grassroots.Ballots.Counting;
using Grassroots.Features.Convention.Pages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

/// <summary>
/// A motion's result in one line, as the platform (a ratified version) and the assembly's log keep it. Stored in no
/// language ("yes=120 no=40 abstain=5 ballots=165 roll=180 threshold=majority quorum=met"): an API client can read it,
/// and each page renders it in its reader's language.
/// </summary>
public static class TallyLine
{
    public static string Format(MotionResult r) => string.Join(' ', new[]
    {
        r.Yes is null ? null : $"yes={r.Yes} no={r.No} abstain={r.Abstain}",
        $"ballots={r.Ballots} roll={r.Roll}",
        r.Threshold is null ? null : $"threshold={r.Threshold}",
        r.QuorumMet ? "quorum=met" : "quorum=missed",
    }.Where(x => x is not null));

    /// <summary>The line in the reader's language; a line in another form (kept before this one) as it was stored.</summary>
    public static string Render(string stored, IStringLocalizer l)
    {
        var parts = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("ballots", out var ballots) || !parts.TryGetValue("roll", out var roll) || !parts.TryGetValue("quorum", out var quorum)) return stored;
        static string N(string s) => long.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n.ToString("N0", CultureInfo.CurrentCulture) : s;
        var line = parts.TryGetValue("yes", out var yes) && parts.TryGetValue("no", out var no) && parts.TryGetValue("abstain", out var abstain)
            ? l["Yes {0}, no {1}, abstain {2}; {3} of {4} on the roll voted; it needed {5}.", N(yes), N(no), N(abstain), N(ballots), N(roll),
                ConventionNames.Threshold(parts.GetValueOrDefault("threshold") ?? "majority", l)].Value
            : l["{0} of {1} on the roll voted.", N(ballots), N(roll)].Value;
        return quorum == "met" ? line : line + " " + l["No quorum."];
    }
}
