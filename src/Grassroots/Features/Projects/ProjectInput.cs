using FluentValidation;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Projects;

/// <summary>What a founder submits when launching, and an owner when editing (API body and page form alike).</summary>
public sealed record ProjectInput
{
    public const int MaxTitleLength = 120;
    public const int MaxGoalLength = 300;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxNeeds = 30;
    public const int DefaultRadius = 25;

    public string? Title { get; init; }
    public string? Goal { get; init; }
    public string? Description { get; init; }
    public bool Online { get; init; }
    public string? Zip { get; init; }
    public int? RadiusMiles { get; init; }
    public Guid? GroupId { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public ProjectStatus? Status { get; init; }
    /// <summary>Needs stated at launch; when editing, needs are changed one by one and this is ignored.</summary>
    public List<NeedInput>? Needs { get; init; }
}

/// <summary>
/// The one check of a project's fields, used by the launch and edit pages and the API alike. It only
/// says what is wrong; <see cref="Launching"/> turns a valid input into a project.
/// </summary>
public sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator(ZipCodes zips, IValidator<NeedInput> needs, IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => UserText.Collapse(x.Title))
            .NotEmpty().OverridePropertyName(nameof(ProjectInput.Title)).WithMessage(_ => l["Give the project a title."])
            .MaximumLength(ProjectInput.MaxTitleLength).WithMessage(_ => l["The title can be at most {0} characters.", ProjectInput.MaxTitleLength])
            .Must(t => !t.Contains('<')).WithMessage(_ => l["The title can't contain HTML."]);
        RuleFor(x => UserText.Collapse(x.Goal))
            .NotEmpty().OverridePropertyName(nameof(ProjectInput.Goal)).WithMessage(_ => l["Say in one sentence what the project will achieve."])
            .MaximumLength(ProjectInput.MaxGoalLength).WithMessage(_ => l["The goal can be at most {0} characters.", ProjectInput.MaxGoalLength])
            .Must(t => !t.Contains('<')).WithMessage(_ => l["The goal can't contain HTML."]);
        RuleFor(x => (x.Description ?? "").Trim())
            .MaximumLength(ProjectInput.MaxDescriptionLength).OverridePropertyName(nameof(ProjectInput.Description))
            .WithMessage(_ => l["The description can be at most {0} characters.", ProjectInput.MaxDescriptionLength])
            .Must(d => !UserText.ContainsScript(d)).WithMessage(_ => l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);
        RuleFor(x => x.Zip)
            .Must(z => zips.Find(z) is not null).When(x => !string.IsNullOrWhiteSpace(x.Zip))
            .WithMessage(x => l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Echo.Short(x.Zip!.Trim(), 40)]);
        RuleFor(x => x.Zip).NotEmpty().When(x => !x.Online)
            .WithMessage(_ => l["Give a ZIP code for where it happens, or mark the project as online."]);
        RuleFor(x => x.RadiusMiles).InclusiveBetween(1, Places.MaxRadiusMiles).When(x => x.RadiusMiles is not null)
            .WithMessage(_ => l["The radius must be between 1 and {0} miles.", Places.MaxRadiusMiles]);
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).When(x => x.StartsOn is not null && x.EndsOn is not null)
            .WithMessage(_ => l["The end date is before the start date."]);
        RuleFor(x => x.Status).IsInEnum().WithMessage(_ => l["The status is one of Idea, Active, Done or Archived."]);
        RuleFor(x => x.Needs == null ? 0 : x.Needs.Count)
            .LessThanOrEqualTo(ProjectInput.MaxNeeds).OverridePropertyName(nameof(ProjectInput.Needs))
            .WithMessage(_ => l["A project can list at most {0} needs.", ProjectInput.MaxNeeds]);
        RuleForEach(x => x.Needs).Cascade(CascadeMode.Continue).SetValidator(needs).When(x => x.Needs is { Count: <= ProjectInput.MaxNeeds });
    }
}

/// <summary>One need, as stated at launch or added later.</summary>
public sealed record NeedInput
{
    public const int MaxTitleLength = 120;

    public NeedKind? Kind { get; init; }
    public string? Title { get; init; }
    public string? Skill { get; init; }
    /// <summary>Heads, things, hours; for money, the goal in cents.</summary>
    public long? Quantity { get; init; }
    public bool AllowOverfill { get; init; }
    public bool AutoAccept { get; init; }
}

public sealed class NeedInputValidator : AbstractValidator<NeedInput>
{
    public NeedInputValidator(IOptions<ProjectsOptions> options, IStringLocalizer<SharedResource> l)
    {
        var limits = options.Value;
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Kind)
            .NotNull().WithMessage(_ => l["Choose what is needed: People, Money, Thing, Venue or Hours."])
            .IsInEnum().WithMessage(_ => l["Choose what is needed: People, Money, Thing, Venue or Hours."]);
        When(x => x.Kind is { } k && Enum.IsDefined(k), () =>
        {
            RuleFor(x => UserText.Collapse(x.Title))
                .NotEmpty().OverridePropertyName(nameof(NeedInput.Title)).WithMessage(_ => l["Say what is needed, e.g. \"Canvassers\" or \"A projector\"."])
                .MaximumLength(NeedInput.MaxTitleLength).WithMessage(_ => l["The need can be at most {0} characters.", NeedInput.MaxTitleLength])
                .Must(t => !t.Contains('<')).WithMessage(_ => l["The need can't contain HTML."]);
            RuleFor(x => x.Skill).Must(s => Catalog.Skills.ContainsKey(s!)).When(x => !string.IsNullOrEmpty(x.Skill))
                .WithMessage(x => l["\"{0}\" is not one of the choices ({1}).", Echo.Short(x.Skill!, 40), string.Join(", ", Catalog.Skills.Keys)]);
            RuleFor(x => x.Quantity).Must(q => q >= 1)
                .WithMessage(x => x.Kind == NeedKind.Money ? l["Give a money goal of at least 1 cent."] : l["Give a quantity of at least 1."]);
            RuleFor(x => x.Quantity).Must((x, q) => q <= limits.Ceiling(x.Kind!.Value)).When(x => x.Quantity >= 1)
                .WithMessage(x => x.Kind == NeedKind.Money
                    ? l["A money goal can be at most {0}.", Money.Format(limits.Ceiling(NeedKind.Money))]
                    : l["The quantity can be at most {0}.", Amounts.Format(limits.Ceiling(x.Kind!.Value))]);
        });
    }
}
