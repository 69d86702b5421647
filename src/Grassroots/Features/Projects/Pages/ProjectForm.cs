using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Projects.Pages;

/// <summary>What the shared project fields need: the form, the page (for field errors), the member's groups, and similar projects while launching (null when editing).</summary>
public sealed record ProjectFields(ProjectForm Input, FormPage Page, IReadOnlyList<MyGroup> Groups, IReadOnlyList<SimilarProject>? Similar);

/// <summary>The launch form: the project and up to <see cref="NeedRows"/> needs (more can be added on the project page).</summary>
public sealed class ProjectForm
{
    public const int NeedRows = 4;

    public string? Title { get; set; }
    public string? Goal { get; set; }
    public string? Description { get; set; }
    public bool Online { get; set; }
    public string? Zip { get; set; }
    public int? RadiusMiles { get; set; }
    public Guid? GroupId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public List<NeedForm> Needs { get; set; } = [.. Enumerable.Range(0, NeedRows).Select(_ => new NeedForm())];

    /// <summary>The form rows that hold a need, in order: row i of the input is form row FilledRows[i].</summary>
    public List<int> FilledRows => [.. Needs.Select((n, i) => (n, i)).Where(x => !string.IsNullOrWhiteSpace(x.n.Title)).Select(x => x.i)];

    /// <summary>The form filled with a project's current values, for editing.</summary>
    public static ProjectForm Of(ProjectView p) => new()
    {
        Title = p.Title, Goal = p.Goal, Description = p.Description, Online = p.Online, Zip = p.Zip, RadiusMiles = p.RadiusMiles,
        GroupId = p.GroupId, StartsOn = p.StartsOn, EndsOn = p.EndsOn, Needs = [],
    };

    /// <summary>Rows left empty are not needs.</summary>
    public ProjectInput ToInput() => new()
    {
        Title = Title, Goal = Goal, Description = Description, Online = Online, Zip = Zip, RadiusMiles = RadiusMiles,
        GroupId = GroupId, StartsOn = StartsOn, EndsOn = EndsOn,
        Needs = Needs.Where(n => !string.IsNullOrWhiteSpace(n.Title)).Select(n => n.ToInput()).ToList(),
    };
}

public sealed class NeedForm
{
    public static readonly IReadOnlyDictionary<NeedKind, string> KindLabels = new Dictionary<NeedKind, string>
    {
        [NeedKind.People] = "People", [NeedKind.Money] = "Money", [NeedKind.Thing] = "Things", [NeedKind.Venue] = "A venue", [NeedKind.Hours] = "Hours",
    };

    public NeedKind Kind { get; set; } = NeedKind.People;
    public string? Title { get; set; }
    public string? Skill { get; set; }
    /// <summary>For money, in dollars on the form (cents in the model); any size, the ceiling check says the limit.</summary>
    public decimal? Quantity { get; set; }
    public bool AutoAccept { get; set; }
    public bool AllowOverfill { get; set; }

    public NeedInput ToInput() => new()
    {
        Kind = Kind, Title = Title, Skill = string.IsNullOrEmpty(Skill) ? null : Skill,
        Quantity = Amounts.FromForm(Quantity, Kind),
        AutoAccept = AutoAccept, AllowOverfill = AllowOverfill,
    };
}
