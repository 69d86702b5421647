using FluentValidation;
using Grassroots.Ballots.Counting;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention;

public sealed record AssemblyInput(string? Name, string? Description, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? TimeZone, Guid? EventId, string? StreamUrl, CredentialRule? CredentialRule);
public sealed record RegistrationInput(Attendance? Attendance);
public sealed record OfficerInput(Guid? MemberId);
public sealed record CredentialInput(Guid? MemberId, bool? Seated, string? Reason);
public sealed record AgendaItemInput(string? Title, string? Description);
public sealed record MotionInput(
    string? Title, string? Text, MotionKind? Kind, string? Method, IReadOnlyList<string>? Options, int? Seats, string? Threshold,
    int? QuorumBallots, int? QuorumPercent, bool? AllowRevote, Guid? AgendaItemId, string? Document, int? DocumentVersion, Guid? AmendmentId);
public sealed record OpenInput(int? Minutes);
public sealed record BallotInput(string? Choices);

/// <summary>What a convention field becomes once cleaned: the rules and the use cases read the same text.</summary>
internal static class ConventionText
{
    public static string Clean(string? s) => ControlCharacters.Strip(PlatformText.Normalize(s)) ?? "";
    public static string Line(string? s) => string.Join(' ', Clean(s).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    public static List<string> Options(IReadOnlyList<string>? options) => (options ?? []).Select(Line).Where(o => o.Length > 0).ToList();
}

public sealed class AssemblyInputValidator : AbstractValidator<AssemblyInput>
{
    public AssemblyInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => ConventionText.Line(x.Name)).NotEmpty().OverridePropertyName("name").WithMessage(_ => l["Name the assembly (\"The People's Convention\")."])
            .MaximumLength(Assembly.MaxNameLength).WithMessage(_ => l["Keep the name under {0} characters.", Assembly.MaxNameLength]);
        RuleFor(x => ConventionText.Clean(x.Description)).MaximumLength(Assembly.MaxDescriptionLength).OverridePropertyName("description")
            .WithMessage(_ => l["Keep the description under {0} characters.", Assembly.MaxDescriptionLength]);
        RuleFor(x => x.StartsAt).NotNull().OverridePropertyName("startsAt").WithMessage(_ => l["Say when the assembly starts."])
            .Must(t => t!.Value.Year is >= 2000 and <= 2200).When(x => x.StartsAt is not null).WithMessage(_ => l["Give a date between the years 2000 and 2200."]);
        RuleFor(x => x.EndsAt).NotNull().OverridePropertyName("endsAt").WithMessage(_ => l["Say when the assembly ends."])
            .GreaterThan(x => x.StartsAt).When(x => x.StartsAt is { Year: >= 2000 and <= 2200 }).WithMessage(_ => l["The end must come after the start."])
            .LessThanOrEqualTo(x => x.StartsAt!.Value.AddDays(31)).When(x => x.StartsAt is { Year: >= 2000 and <= 2200 }).WithMessage(_ => l["An assembly lasts at most 31 days."]);
        RuleFor(x => x.TimeZone).Must(z => !string.IsNullOrWhiteSpace(z) && z.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(z.Trim(), out _))
            .OverridePropertyName("timeZone").WithMessage(_ => l["Choose a time zone such as America/New_York."]);
        RuleFor(x => x.CredentialRule).IsInEnum().NotEqual(CredentialRule.Electorate).When(x => x.CredentialRule is not null).OverridePropertyName("credentialRule")
            .WithMessage(_ => l["Choose who may vote: everyone registered, or delegates the credentials committee seats."]);
        RuleFor(x => x.StreamUrl).Must(u => StreamEmbed.Problem(u) is null).When(x => !string.IsNullOrWhiteSpace(x.StreamUrl)).OverridePropertyName("streamUrl")
            .WithMessage(_ => l["Give the live stream as an https:// address (a YouTube or Vimeo link is shown on the page itself)."]);
    }
}

public sealed class CredentialInputValidator : AbstractValidator<CredentialInput>
{
    public CredentialInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.MemberId).NotNull().OverridePropertyName("memberId").WithMessage(_ => l["Choose the member."]);
        RuleFor(x => x.Seated).NotNull().OverridePropertyName("seated").WithMessage(_ => l["Say whether to seat or unseat them."]);
        RuleFor(x => ConventionText.Line(x.Reason)).MinimumLength(10).OverridePropertyName("reason")
            .WithMessage(_ => l["Give the reason the log will show, in a sentence (at least 10 characters)."])
            .MaximumLength(CredentialDecision.MaxReasonLength).WithMessage(_ => l["Keep the reason under {0} characters.", CredentialDecision.MaxReasonLength]);
    }
}

public sealed class AgendaItemInputValidator : AbstractValidator<AgendaItemInput>
{
    public AgendaItemInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => ConventionText.Line(x.Title)).NotEmpty().OverridePropertyName("title").WithMessage(_ => l["Name the agenda item."])
            .MaximumLength(AgendaItem.MaxTitleLength).WithMessage(_ => l["Keep the title under {0} characters.", AgendaItem.MaxTitleLength]);
        RuleFor(x => ConventionText.Clean(x.Description)).MaximumLength(AgendaItem.MaxDescriptionLength).OverridePropertyName("description")
            .WithMessage(_ => l["Keep the description under {0} characters.", AgendaItem.MaxDescriptionLength]);
    }
}

/// <summary>
/// The shape of a motion. What depends on the assembly and the platform (the document's version exists, the
/// amendment is on the ballot, the agenda item is this assembly's) stays with <see cref="Motions"/>.
/// </summary>
public sealed class MotionInputValidator : AbstractValidator<MotionInput>
{
    public MotionInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => ConventionText.Line(x.Title)).NotEmpty().OverridePropertyName("title").WithMessage(_ => l["Name the motion (\"Ratify the People's Platform\")."])
            .MaximumLength(Motion.MaxTitleLength).WithMessage(_ => l["Keep the title under {0} characters.", Motion.MaxTitleLength]);
        RuleFor(x => ConventionText.Clean(x.Text)).MaximumLength(Motion.MaxTextLength).OverridePropertyName("text")
            .WithMessage(_ => l["Keep the text under {0} characters.", Motion.MaxTextLength]);
        RuleFor(x => x.Kind).NotNull().IsInEnum().NotEqual(MotionKind.Endorse).OverridePropertyName("kind")
            .WithMessage(_ => l["Choose what the motion does: ratify a platform version, adopt an amendment, elect, or a procedural motion."]);
        RuleFor(x => x.Method).Must(m => MotionMethods.Parse(m) is not null).OverridePropertyName("method")
            .WithMessage(_ => l["Choose how it is voted: yes-no, approval, irv (ranked, one seat) or stv (ranked, several seats)."]);
        RuleFor(x => x.Method).Must(m => m == "yes-no").When(x => x.Kind is MotionKind.Ratify or MotionKind.AdoptAmendment).OverridePropertyName("method")
            .WithMessage(_ => l["Ratifying and adopting are voted yes or no."]);
        RuleFor(x => x.Method).Must(m => m != "yes-no").When(x => x.Kind is MotionKind.Elect).OverridePropertyName("method")
            .WithMessage(_ => l["An election is voted by approval, instant runoff or single transferable vote."]);
        RuleFor(x => x.Threshold).Must(t => t is null || Thresholds.Parse(t) is not null).OverridePropertyName("threshold")
            .WithMessage(_ => l["Choose the threshold: majority, three-fifths or two-thirds."]);
        RuleFor(x => x.QuorumBallots ?? 0).InclusiveBetween(0, Quorum.MaxBallots).OverridePropertyName("quorumBallots")
            .WithMessage(_ => l["A quorum's number of ballots must be between 0 and {0}.", Quorum.MaxBallots]);
        RuleFor(x => x.QuorumPercent ?? 0).InclusiveBetween(0, 100).OverridePropertyName("quorumPercent")
            .WithMessage(_ => l["A quorum's share of the roll must be between 0 and 100 percent."]);
        When(x => MotionMethods.Parse(x.Method) is { } m && m != MotionMethod.YesNo, () =>
        {
            RuleFor(x => ConventionText.Options(x.Options).Count).InclusiveBetween(2, Motion.MaxOptions).OverridePropertyName("options")
                .WithMessage(_ => l["List between 2 and {0} options or candidates, one a line.", Motion.MaxOptions]);
            RuleFor(x => ConventionText.Options(x.Options)).Must(o => o.All(x => x.Length <= Motion.MaxOptionLength)).OverridePropertyName("options")
                .WithMessage(_ => l["Keep each option under {0} characters.", Motion.MaxOptionLength]);
            RuleFor(x => ConventionText.Options(x.Options)).Must(o => o.Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.Count).OverridePropertyName("options")
                .WithMessage(_ => l["Each option may be listed once."]);
            RuleFor(x => x.Seats ?? 1).Must((x, s) => s >= 1 && s < Math.Max(2, ConventionText.Options(x.Options).Count)).OverridePropertyName("seats")
                .WithMessage(_ => l["The seats must be at least 1 and fewer than the candidates."]);
            RuleFor(x => x.Seats ?? 1).Equal(1).When(x => x.Method == "irv").OverridePropertyName("seats")
                .WithMessage(_ => l["Instant runoff fills one seat; for several, choose single transferable vote (stv)."]);
            RuleFor(x => x.Seats ?? 1).GreaterThan(1).When(x => x.Method == "stv").OverridePropertyName("seats")
                .WithMessage(_ => l["Single transferable vote fills several seats; for one, choose instant runoff (irv)."]);
        });
    }
}

public sealed class OpenInputValidator : AbstractValidator<OpenInput>
{
    public OpenInputValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Minutes).InclusiveBetween(1, 24 * 60).When(x => x.Minutes is not null).OverridePropertyName("minutes")
            .WithMessage(_ => l["A voting window closes by itself after 1 to 1,440 minutes, or leave it empty to close it yourself."]);
}

public sealed record AllocationInput(int? Seats, int? MinimumMembers);
public sealed record NominationInput(Guid? MemberId);
public sealed record DelegateAnswer(bool? Accept, Attendance? Attendance);

public sealed class AllocationInputValidator : AbstractValidator<AllocationInput>
{
    public const int MaxSeats = 20_000;
    public const int MaxMinimumMembers = 100_000;

    public AllocationInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Seats).NotNull().OverridePropertyName("seats").WithMessage(_ => l["Say how many delegate seats to share among the groups."])
            .InclusiveBetween(1, MaxSeats).WithMessage(_ => l["Give between 1 and {0} seats.", MaxSeats]);
        RuleFor(x => x.MinimumMembers).NotNull().OverridePropertyName("minimumMembers").WithMessage(_ => l["Say how many confirmed members a group needs for a seat."])
            .InclusiveBetween(1, MaxMinimumMembers).WithMessage(_ => l["Give a number of members between 1 and {0}.", MaxMinimumMembers]);
    }
}
