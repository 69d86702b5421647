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

public static class GroupRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 10_000;
    public const int DefaultChapterRadius = 25;
    public const int MaxRadius = Places.MaxRadiusMiles;

    /// <summary>Checks a new group; when valid, returns the group ready to insert (without id-dependent fields).</summary>
    public static (Group? Group, FieldErrors Errors) Validate(GroupInput input, ZipCodes zips, UserText text, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        var name = UserText.Collapse(input.Name);
        if (name.Length == 0) errors.Add(nameof(input.Name), l["Give the group a name."]);
        else if (name.Length > MaxNameLength) errors.Add(nameof(input.Name), l["The name can be at most {0} characters.", MaxNameLength]);
        else if (UserText.ContainsScript(name) || name.Contains('<')) errors.Add(nameof(input.Name), l["The name can't contain HTML."]);

        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
            errors.Add(nameof(input.Kind), l["Choose the kind of group: Constituency, Chapter or Issue."]);

        var description = input.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength)
            errors.Add(nameof(input.Description), l["The description can be at most {0} characters.", MaxDescriptionLength]);
        else if (UserText.ContainsScript(description))
            errors.Add(nameof(input.Description), l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);

        ZipPlace? place = null;
        if (!string.IsNullOrWhiteSpace(input.Zip))
        {
            place = zips.Find(input.Zip);
            if (place is null) errors.Add(nameof(input.Zip), l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", input.Zip.Trim()]);
        }
        else if (input.Kind == GroupKind.Chapter)
            errors.Add(nameof(input.Zip), l["A local chapter needs a ZIP code for its place."]);

        if (input.RadiusMiles is { } r && (r < 1 || r > MaxRadius))
            errors.Add(nameof(input.RadiusMiles), l["The radius must be between 1 and {0} miles.", MaxRadius]);

        if (!errors.IsEmpty) return (null, errors);

        var group = new Group
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
        return (group, errors);
    }


    /// <summary>Why a group a jury reviews or removed cannot change (the API's field error, the pages' notice).</summary>
    public static string Frozen(Moderation.ContentModeration state, IStringLocalizer l) => state == Moderation.ContentModeration.Removed
        ? l["A community jury removed this group: it can no longer be edited, joined or messaged."]
        : l["This group is frozen while a community jury reviews it: no edits, messages or new members until the jury decides."];
}
