namespace Grassroots.Features.Moderation;

public sealed record CommunityValue(string Key, string Title, string Description);

/// <summary>
/// The movement's published values, the only grounds for a flag. From the seeds: "tolerate
/// difference and dissent, redirect conflict toward constructive dialogue".
/// </summary>
public static class CommunityValues
{
    public static readonly IReadOnlyList<CommunityValue> All =
    [
        new("respect", "Respect for difference", "Tolerate difference and dissent. Disagree with ideas, never attack people."),
        new("dialogue", "Constructive dialogue", "Redirect conflict toward constructive dialogue and common ground."),
        new("no-harassment", "No harassment or hate", "No threats, slurs, harassment or hate against anyone or any group of people."),
        new("nonviolence", "Nonviolence", "No calls for or praise of violence."),
        new("privacy", "Privacy", "No one's personal information (address, phone, email) without their consent."),
        new("truthfulness", "Truthfulness", "No deliberate misinformation, impersonation or fake accounts."),
        new("no-spam", "No spam", "No advertising, scams or repeated posts unrelated to the movement."),
    ];

    public static bool IsKnown(string? key) => All.Any(v => v.Key == key);
}
