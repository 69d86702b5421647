using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>The platform's words on pages, in the reader's language.</summary>
public static class PlatformNames
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
        "convention" => l["Named the convention that ratifies the document"],
        "ratified" => l["Ratified by the convention"],
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
            case "settings" when Facilitating.ReadSettings(detail) is { } x:
                return string.Join(", ",
                    x.Amendments ? l["amendments open"] : l["amendments closed"],
                    x.Cosigning ? l["co-signing open"] : l["co-signing closed"],
                    x.Comments ? l["comments open"] : l["comments closed"],
                    l["ballot at {0}‰ of members (at least {1})", x.PerMille, x.Minimum]);
            case "facilitator.name" when detail.LastIndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && Enum.TryParse<DocumentRole>(detail[(colon + 2)..], out var role):
                return $"{detail[..colon]}: {(role == DocumentRole.Creator ? l["as a creator"] : l["as a facilitator"])}";
            default:
                return detail;
        }
    }

    public static readonly Func<int, string> PageLink = n => $"?page={n}";
}
