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
        AmendmentStatus.Accepted => l["Accepted"],
        AmendmentStatus.Merged => l["Merged"],
        AmendmentStatus.Rejected => l["Rejected"],
        _ => l["Withdrawn"],
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

    public static readonly Func<int, string> PageLink = n => $"?page={n}";
}
