using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

public sealed class ProjectsOptions
{
    public const string Section = "Projects";
    /// <summary>The largest money goal one need may state, in cents ($1,000,000 by default).</summary>
    public long MaxMoneyGoalCents { get; set; } = 100_000_000;
    /// <summary>The largest head count, thing count or hours a need may state.</summary>
    public long MaxQuantity { get; set; } = 100_000;
    /// <summary>How often followers get a digest of project updates.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>What a founder submits (API body and page form alike).</summary>
public sealed record ProjectInput
{
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
    public List<NeedInput>? Needs { get; init; }
}

public sealed record NeedInput
{
    public NeedKind? Kind { get; init; }
    public string? Title { get; init; }
    public string? Skill { get; init; }
    /// <summary>Heads, things, hours; for money, the goal in cents.</summary>
    public long? Quantity { get; init; }
    public bool AllowOverfill { get; init; }
    public bool AutoAccept { get; init; }
}

public static class ProjectRules
{
    public const int MaxTitleLength = 120;
    public const int MaxGoalLength = 300;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxNeedTitleLength = 120;
    public const int MaxNoteLength = 1000;
    public const int MaxNeeds = 30;
    public const int DefaultRadius = 25;

    public static (Project? Project, FieldErrors Errors) Validate(ProjectInput input, ZipCodes zips, UserText text, ProjectsOptions options, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        var title = UserText.Collapse(input.Title);
        if (title.Length == 0) errors.Add(nameof(input.Title), l["Give the project a title."]);
        else if (title.Length > MaxTitleLength) errors.Add(nameof(input.Title), l["The title can be at most {0} characters.", MaxTitleLength]);
        else if (title.Contains('<')) errors.Add(nameof(input.Title), l["The title can't contain HTML."]);

        var goal = UserText.Collapse(input.Goal);
        if (goal.Length == 0) errors.Add(nameof(input.Goal), l["Say in one sentence what the project will achieve."]);
        else if (goal.Length > MaxGoalLength) errors.Add(nameof(input.Goal), l["The goal can be at most {0} characters.", MaxGoalLength]);
        else if (goal.Contains('<')) errors.Add(nameof(input.Goal), l["The goal can't contain HTML."]);

        var description = input.Description?.Trim() ?? "";
        if (description.Length > MaxDescriptionLength) errors.Add(nameof(input.Description), l["The description can be at most {0} characters.", MaxDescriptionLength]);
        else if (UserText.ContainsScript(description)) errors.Add(nameof(input.Description), l["The description can't contain scripts or event handlers. Use plain text or Markdown."]);

        ZipPlace? place = null;
        if (!string.IsNullOrWhiteSpace(input.Zip))
        {
            place = zips.Find(input.Zip);
            if (place is null) errors.Add(nameof(input.Zip), l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", input.Zip.Trim()]);
        }
        else if (!input.Online) errors.Add(nameof(input.Zip), l["Give a ZIP code for where it happens, or mark the project as online."]);
        if (input.RadiusMiles is { } r && (r < 1 || r > GroupRules.MaxRadius))
            errors.Add(nameof(input.RadiusMiles), l["The radius must be between 1 and {0} miles.", GroupRules.MaxRadius]);
        if (input.StartsOn is { } s && input.EndsOn is { } e && e < s)
            errors.Add(nameof(input.EndsOn), l["The end date is before the start date."]);
        if (input.Status is { } st && !Enum.IsDefined(st))
            errors.Add(nameof(input.Status), l["The status is one of Idea, Active, Done or Archived."]);

        var needs = input.Needs ?? [];
        if (needs.Count > MaxNeeds) errors.Add(nameof(input.Needs), l["A project can list at most {0} needs.", MaxNeeds]);
        var made = new List<Need>();
        for (var i = 0; i < Math.Min(needs.Count, MaxNeeds); i++)
        {
            var (need, needErrors) = ValidateNeed(needs[i], options, l);
            foreach (var (field, messages) in needErrors.ToDictionary())
                foreach (var m in messages) errors.Add($"Needs[{i}].{field}", m);
            if (need is not null) made.Add(need);
        }
        if (!errors.IsEmpty) return (null, errors);

        var project = new Project
        {
            Slug = GroupRules.Slugify(title),
            Title = title, Goal = goal, Description = description, DescriptionHtml = text.ToSafeHtml(description),
            Status = input.Status ?? ProjectStatus.Active, Online = input.Online,
            Zip = place?.Zip, City = place?.City, State = place?.State, Latitude = place?.Latitude, Longitude = place?.Longitude,
            RadiusMiles = place is null ? null : input.RadiusMiles ?? DefaultRadius,
            GroupId = input.GroupId, StartsOn = input.StartsOn, EndsOn = input.EndsOn, Needs = made,
        };
        return (project, errors);
    }

    public static (Need? Need, FieldErrors Errors) ValidateNeed(NeedInput input, ProjectsOptions options, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(input.Kind), l["Choose what is needed: People, Money, Thing, Venue or Hours."]);
            return (null, errors);
        }
        var title = UserText.Collapse(input.Title);
        if (title.Length == 0) errors.Add(nameof(input.Title), l["Say what is needed, e.g. \"Canvassers\" or \"A projector\"."]);
        else if (title.Length > MaxNeedTitleLength) errors.Add(nameof(input.Title), l["The need can be at most {0} characters.", MaxNeedTitleLength]);
        else if (title.Contains('<')) errors.Add(nameof(input.Title), l["The need can't contain HTML."]);
        if (input.Skill is { Length: > 0 } skill && !Catalog.Skills.ContainsKey(skill))
            errors.Add(nameof(input.Skill), l["\"{0}\" is not one of the choices ({1}).", skill, string.Join(", ", Catalog.Skills.Keys)]);
        var max = kind == NeedKind.Money ? options.MaxMoneyGoalCents : options.MaxQuantity;
        if (input.Quantity is not { } q || q < 1)
            errors.Add(nameof(input.Quantity), kind == NeedKind.Money ? l["Give a money goal of at least 1 cent."] : l["Give a quantity of at least 1."]);
        else if (q > max)
            errors.Add(nameof(input.Quantity), kind == NeedKind.Money
                ? l["A money goal can be at most {0}.", Money.Format(max)] : l["The quantity can be at most {0}.", max]);
        if (!errors.IsEmpty) return (null, errors);
        return (new Need
        {
            Kind = kind, Title = title, Skill = kind == NeedKind.People && input.Skill is { Length: > 0 } ? input.Skill : null,
            Quantity = input.Quantity!.Value, AllowOverfill = input.AllowOverfill, AutoAccept = input.AutoAccept,
        }, errors);
    }

}

/// <summary>Money is integer cents; shown in dollars.</summary>
public static class Money
{
    public static string Format(long cents) => (cents / 100m).ToString("$#,##0.##", System.Globalization.CultureInfo.InvariantCulture);
}
