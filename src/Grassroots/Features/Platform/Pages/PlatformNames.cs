using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>The platform's words on pages, in the reader's language.</summary>
public static partial class PlatformNames
{
    public static string Phase(PlatformPhase phase, IStringLocalizer l) => phase switch
    {
        PlatformPhase.Drafting => l["Drafting"],
        PlatformPhase.Deliberation => l["Deliberation"],
        PlatformPhase.Frozen => l["Frozen for ratification"],
        _ => l["Ratified"],
    };

    public static string Status(AmendmentStatus status, IStringLocalizer l) => status switch
    {
        AmendmentStatus.Open => l["Gathering co-signers"],
        AmendmentStatus.OnBallot => l["On the ballot"],
        AmendmentStatus.Accepted => l["Accepted, to be merged"],
        AmendmentStatus.Merged => l["Merged"],
        AmendmentStatus.Rejected => l["Rejected"],
        _ => l["Withdrawn by its author"],
    };

    public static string Kind(AmendmentKind kind, IStringLocalizer l) => kind switch
    {
        AmendmentKind.Change => l["Changes the text"],
        AmendmentKind.AddPlank => l["Adds a plank"],
        _ => l["Removes the plank"],
    };

    /// <summary>The public log's actions, named for readers.</summary>
    public static string Action(string action, IStringLocalizer l) => action switch
    {
        "phase" => l["Moved the phase"],
        "phase.end" => l["Set the phase's planned end"],
        "settings" => l["Changed the settings"],
        "facilitator.name" => l["Named a facilitator"],
        "facilitator.remove" => l["Removed a facilitator"],
        "amendment.accept" => l["Accepted an amendment"],
        "amendment.reject" => l["Rejected an amendment"],
        "merge" => l["Merged amendments into a new version"],
        "facilitator.left" => l["Deleted their account and stopped facilitating"],
        "facilitator.succeed" => l["Deleted their account: the longest-standing facilitator became a creator"],
        "facilitator.none" => l["Deleted their account: the document has no facilitator now"],
        _ => action,
    };

    /// <summary>
    /// A log line's detail in the reader's language. The log stores it in English (the public record's one wording;
    /// see Facilitating.Describe), so the words that name phases, switches and roles are translated when shown.
    /// </summary>
    public static string Detail(string action, string detail, IStringLocalizer l)
    {
        switch (action)
        {
            case "phase" when detail.Split(" → ") is [var from, var to] && Enum.TryParse<PlatformPhase>(from, out var f) && Enum.TryParse<PlatformPhase>(to, out var t):
                return $"{Phase(f, l)} → {Phase(t, l)}";
            case "phase.end" when detail.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at && Enum.TryParse<PlatformPhase>(detail[..at], out var p):
                return $"{Phase(p, l)}: {detail[(at + 2)..]}";
            case "settings" when Settings().Match(detail) is { Success: true } m:
                return string.Join(", ",
                    m.Groups[1].Value == "on" ? l["amendments open"] : l["amendments closed"],
                    m.Groups[2].Value == "on" ? l["co-signing open"] : l["co-signing closed"],
                    m.Groups[3].Value == "on" ? l["comments open"] : l["comments closed"],
                    l["ballot at {0}‰ of members (at least {1})", m.Groups[4].Value, m.Groups[5].Value]);
            case "facilitator.name" when detail.LastIndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && Enum.TryParse<DocumentRole>(detail[(colon + 2)..], out var role):
                return $"{detail[..colon]}: {(role == DocumentRole.Creator ? l["as a creator"] : l["as a facilitator"])}";
            default:
                return detail;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^amendments (on|off), co-signing (on|off), comments (on|off), ballot (\d+)‰ \(min (\d+)\)$")]
    private static partial System.Text.RegularExpressions.Regex Settings();

    public static readonly Func<int, string> PageLink = n => $"?page={n}";
}
