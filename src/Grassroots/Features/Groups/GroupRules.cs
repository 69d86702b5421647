using FluentValidation;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups;

/// <summary>What a founder submits (API body and page form alike).</summary>
public sealed record GroupInput
{
    public string? Name { get; init; }
    public GroupKind? Kind { get; init; }
    public string? Description { get; init; }
    /// <summary>Blank for a nationwide group (not allowed for a chapter).</summary>
    public string? Zip { get; init; }
    public int? RadiusMiles { get; init; }
}

/// <summary>The one check of a group's fields, used by the founding and edit pages and the API alike.</summary>
public sealed class GroupInputValidator : AbstractValidator<GroupInput>
{
    public GroupInputValidator(ZipCodes zips, IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => UserText.Collapse(x.Name))
            .NotEmpty().OverridePropertyName(nameof(GroupInput.Name)).WithMessage(_ => l["Give the group a name."])
            .MaximumLength(GroupRules.MaxNameLength).WithMessage(_ => l["The name can be at most {0} characters.", GroupRules.MaxNameLength])
            .Must(n => !UserText.ContainsScript(n) && !n.Contains('<')).WithMessage(_ => l["The name can't contain HTML."]);
        RuleFor(x => x.Kind)
            .NotNull().WithMessage(_ => l["Choose the kind of group: Constituency, Chapter or Issue."])
            .IsInEnum().WithMessage(_ => l["Choose the kind of group: Constituency, Chapter or Issue."]);
        RuleFor(x => (x.Description ?? "").Trim())
            .MaximumLength(GroupRules.MaxDescriptionLength).OverridePropertyName(nameof(GroupInput.Description))
            .WithMessage(_ => l["The description can be at most {0} characters.", GroupRules.MaxDescriptionLength])
            .Must(d => !UserText.ContainsScript(d)).WithMessage(_ => l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);
        RuleFor(x => x.Zip)
            .Must(z => zips.Find(z) is not null).When(x => !string.IsNullOrWhiteSpace(x.Zip))
            .WithMessage(x => l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Echo.Short(x.Zip!.Trim())]);
        RuleFor(x => x.Zip).NotEmpty().When(x => x.Kind == GroupKind.Chapter)
            .WithMessage(_ => l["A local chapter needs a ZIP code for its place."]);
        RuleFor(x => x.RadiusMiles).InclusiveBetween(1, GroupRules.MaxRadius).When(x => x.RadiusMiles is not null)
            .WithMessage(_ => l["The radius must be between 1 and {0} miles.", GroupRules.MaxRadius]);
    }
}

public static class GroupRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 10_000;
    public const int DefaultChapterRadius = 25;
    public const int MaxRadius = Places.MaxRadiusMiles;

    /// <summary>A valid input as a group ready to insert (without its founder and times): its place, address and safe description.</summary>
    public static Group Build(GroupInput input, ZipCodes zips, UserText text)
    {
        var name = UserText.Collapse(input.Name);
        var place = string.IsNullOrWhiteSpace(input.Zip) ? null : zips.Find(input.Zip);
        var description = input.Description?.Trim() ?? "";
        return new Group
        {
            Slug = Slugs.From(name, "group"),
            Kind = input.Kind!.Value,
            Name = name,
            NameSkeleton = Confusables.Skeleton(name),
            PlaceKey = place is null ? "us" : $"{place.State}/{place.City}".ToLowerInvariant(),
            Description = description,
            DescriptionHtml = text.ToSafeHtml(description),
            Zip = place?.Zip, City = place?.City, State = place?.State,
            Latitude = place?.Latitude, Longitude = place?.Longitude,
            RadiusMiles = input.Kind == GroupKind.Chapter ? input.RadiusMiles ?? DefaultChapterRadius : input.RadiusMiles,
        };
    }

    /// <summary>Why a group a jury reviews or removed cannot change (the API's field error, the pages' notice).</summary>
    public static string Frozen(Moderation.ContentModeration state, IStringLocalizer l) => state == Moderation.ContentModeration.Removed
        ? l["A community jury removed this group: it can no longer be edited, joined or messaged."]
        : l["This group is frozen while a community jury reviews it: no edits, messages or new members until the jury decides."];
}
