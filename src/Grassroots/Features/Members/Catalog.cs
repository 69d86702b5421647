namespace Grassroots.Features.Members;

/// <summary>
/// The curated lists members choose from. Keys are stable (stored, used in the API); labels are
/// translated through the shared localizer.
/// </summary>
public static class Catalog
{
    public static readonly IReadOnlyDictionary<string, string> Skills = new Dictionary<string, string>
    {
        ["organizing"] = "Organizing", ["canvassing"] = "Canvassing", ["phone-banking"] = "Phone banking",
        ["text-banking"] = "Text banking", ["software"] = "Software", ["design"] = "Design", ["video"] = "Video",
        ["photography"] = "Photography", ["writing"] = "Writing", ["social-media"] = "Social media",
        ["legal"] = "Legal", ["fundraising"] = "Fundraising", ["data"] = "Data", ["translation"] = "Translation",
        ["event-hosting"] = "Event hosting", ["public-speaking"] = "Public speaking", ["driving"] = "Driving",
        ["childcare"] = "Childcare",
    };

    public static readonly IReadOnlyDictionary<string, string> Issues = new Dictionary<string, string>
    {
        ["student-debt"] = "Student debt", ["minimum-wage"] = "Minimum wage", ["climate"] = "Climate",
        ["wall-street"] = "Wall Street", ["healthcare"] = "Healthcare", ["trade"] = "Trade",
        ["policing"] = "Policing", ["war-and-peace"] = "War and peace", ["money-in-politics"] = "Money in politics",
        ["immigration"] = "Immigration", ["housing"] = "Housing", ["labor"] = "Labor rights",
        ["voting-rights"] = "Voting rights", ["education"] = "Education",
    };

    public static readonly IReadOnlyDictionary<string, string> Availability = new Dictionary<string, string>
    {
        ["weekday-daytime"] = "Weekday daytime", ["weekday-evenings"] = "Weekday evenings",
        ["weekends"] = "Weekends", ["remote-only"] = "Remote only",
    };
}
