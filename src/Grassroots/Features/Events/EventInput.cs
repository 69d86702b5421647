using FluentValidation;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>
/// What a host submits (API body and page form alike). Times are the wall-clock times at the event's
/// place, in its IANA zone: "7 pm in Phoenix" is 7 pm in Phoenix whatever the host's or reader's zone.
/// </summary>
public sealed record EventInput
{
    public EventKind? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public DateTime? StartsAt { get; init; }
    public DateTime? EndsAt { get; init; }
    public string? TimeZone { get; init; }
    public bool Online { get; init; }
    public string? OnlineUrl { get; init; }
    public string? Address { get; init; }
    public string? Zip { get; init; }
    public int? Capacity { get; init; }
    public int? GuestsAllowed { get; init; }
    /// <summary>Keep a waitlist once full (the default), or refuse later RSVPs.</summary>
    public bool? Waitlist { get; init; }
    public EventVisibility? Visibility { get; init; }
    public Guid? GroupId { get; init; }
    /// <summary>Conference calls: the number to dial and its PIN (shown only to people with a place).</summary>
    public string? DialIn { get; init; }
    public string? DialPin { get; init; }
    /// <summary>The distributed campaign the event is part of: its days bound the event's start.</summary>
    public Guid? CampaignId { get; init; }
}

/// <summary>Wall-clock times in a zone, to UTC and back, with daylight-saving's two odd hours decided once.</summary>
public static class EventTimes
{
    public static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            && zone.HasIanaId ? zone : null;

    /// <summary>
    /// The instant a local time names. In the spring-forward gap there is none (null: the host is asked for
    /// another time); in the fall-back hour there are two, and the first (still daylight time) is taken.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall)) return null;
        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    public static DateTimeOffset Local(DateTimeOffset utc, string zoneId) =>
        Zone(zoneId) is { } zone ? TimeZoneInfo.ConvertTime(utc, zone) : utc;
}

public sealed class EventInputValidator : AbstractValidator<EventInput>
{
    public EventInputValidator(ZipCodes zips, IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Kind).NotNull().WithMessage(_ => l["Choose what kind of event it is."])
            .IsInEnum().WithMessage(_ => l["Choose what kind of event it is."]);
        RuleFor(x => UserText.Collapse(x.Title))
            .NotEmpty().OverridePropertyName(nameof(EventInput.Title)).WithMessage(_ => l["Give the event a title."])
            .MaximumLength(Event.MaxTitleLength).WithMessage(_ => l["The title can be at most {0} characters.", Event.MaxTitleLength])
            .Must(t => !t.Contains('<')).WithMessage(_ => l["The title can't contain HTML."]);
        RuleFor(x => (x.Description ?? "").Trim())
            .MaximumLength(Event.MaxDescriptionLength).OverridePropertyName(nameof(EventInput.Description))
            .WithMessage(_ => l["The description can be at most {0} characters.", Event.MaxDescriptionLength])
            .Must(d => !UserText.ContainsScript(d)).WithMessage(_ => l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);
        RuleFor(x => x.TimeZone).Must(z => EventTimes.Zone(z) is not null)
            .WithMessage(_ => l["Choose the time zone of the place (for example America/Chicago)."]);
        RuleFor(x => x.StartsAt).NotNull().WithMessage(_ => l["Say when the event starts."]);
        RuleFor(x => x.EndsAt).NotNull().WithMessage(_ => l["Say when the event ends."]);
        RuleFor(x => x.StartsAt)
            .Must((x, start) => EventTimes.ToUtc(start!.Value, EventTimes.Zone(x.TimeZone)!) is not null)
            .When(x => x.StartsAt is not null && EventTimes.Zone(x.TimeZone) is not null)
            .WithMessage(_ => l["That time does not exist there: the clocks jump forward an hour that night. Choose another time."]);
        RuleFor(x => x.EndsAt).GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null && x.EndsAt is not null)
            .WithMessage(_ => l["The end is before the start."]);
        RuleFor(x => x.EndsAt).Must((x, end) => end!.Value - x.StartsAt!.Value <= TimeSpan.FromDays(14))
            .When(x => x.StartsAt is not null && x.EndsAt is not null && x.EndsAt > x.StartsAt)
            .WithMessage(_ => l["An event lasts at most 14 days."]);
        RuleFor(x => x.OnlineUrl).NotEmpty().When(x => x.Online)
            .WithMessage(_ => l["Give the link people join by (video call or live stream)."]);
        RuleFor(x => x.OnlineUrl).Must(SafeLink).When(x => !string.IsNullOrWhiteSpace(x.OnlineUrl))
            .WithMessage(_ => l["The link must be a web address starting with https://."]);
        RuleFor(x => x.Zip).NotEmpty().When(x => !x.Online)
            .WithMessage(_ => l["Give the ZIP code of the place, or mark the event as online."]);
        RuleFor(x => x.Zip).Must(z => zips.Find(z) is not null).When(x => !string.IsNullOrWhiteSpace(x.Zip))
            .WithMessage(x => l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Echo.Short(x.Zip!.Trim(), 40)]);
        RuleFor(x => (x.Address ?? "").Trim()).MaximumLength(Event.MaxAddressLength).OverridePropertyName(nameof(EventInput.Address))
            .WithMessage(_ => l["The address can be at most {0} characters.", Event.MaxAddressLength]);
        RuleFor(x => x.Capacity).InclusiveBetween(1, Event.MaxCapacity).When(x => x.Capacity is not null)
            .WithMessage(_ => l["The capacity must be between 1 and {0} (leave it empty for no limit).", Event.MaxCapacity]);
        RuleFor(x => x.GuestsAllowed).InclusiveBetween(0, Event.MaxGuests).When(x => x.GuestsAllowed is not null)
            .WithMessage(_ => l["Each person may bring between 0 and {0} guests.", Event.MaxGuests]);
        RuleFor(x => x.Visibility).IsInEnum().WithMessage(_ => l["The visibility is Public or GroupMembers."]);
        RuleFor(x => x.GroupId).NotNull().When(x => x.Visibility == EventVisibility.GroupMembers)
            .WithMessage(_ => l["An event for group members only needs its group."]);
        RuleFor(x => x.DialIn).Must(d => d!.Trim().Length <= 40 && DialChars(d.Trim()) && d.Count(char.IsDigit) >= 7)
            .When(x => !string.IsNullOrWhiteSpace(x.DialIn))
            .WithMessage(_ => l["The dial-in number is digits (at least 7), spaces, + - ( ) and commas for pauses, at most 40 characters."]);
        RuleFor(x => x.DialPin).Must(p => p!.Trim().Length <= 20 && p.Trim().All(c => char.IsAsciiDigit(c) || c is '#' or '*'))
            .When(x => !string.IsNullOrWhiteSpace(x.DialPin))
            .WithMessage(_ => l["The PIN is digits, # and *, at most 20 characters."]);
        RuleFor(x => x.DialPin).Empty().When(x => string.IsNullOrWhiteSpace(x.DialIn))
            .WithMessage(_ => l["A PIN needs its dial-in number."]);
    }

    private static bool DialChars(string d) => d.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or ',' or '.');

    /// <summary>https only, with a host: no javascript:, data: or plain-http links handed to attendees.</summary>
    public static bool SafeLink(string? url) =>
        url is { Length: <= Event.MaxUrlLength } && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u)
            && u.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(u.Host) && string.IsNullOrEmpty(u.UserInfo);
}
