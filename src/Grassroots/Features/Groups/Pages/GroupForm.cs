using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

/// <summary>The group form of the New and Edit pages (fields in _GroupFormFields.cshtml).</summary>
public sealed class GroupForm
{
    public string? Name { get; set; }
    public GroupKind? Kind { get; set; }
    public string? Zip { get; set; }
    public int? RadiusMiles { get; set; }
    public string? Description { get; set; }

    public static readonly IReadOnlyDictionary<GroupKind, string> Hints = new Dictionary<GroupKind, string>
    {
        [GroupKind.Constituency] = "people who share who they are: Millennials for …, Nurses for …",
        [GroupKind.Chapter] = "a place and the area around it, like the Philadelphia chapter",
        [GroupKind.Issue] = "people who share a cause: climate, student debt, healthcare",
    };

    public GroupInput ToInput() => new() { Name = Name, Kind = Kind, Zip = Zip, RadiusMiles = RadiusMiles, Description = Description };

    public static GroupForm From(GroupView g) => new()
    {
        Name = g.Name, Kind = g.Kind, Zip = g.Zip, RadiusMiles = g.RadiusMiles, Description = g.Description,
    };

    /// <summary>Replaces the binder's English-only messages ("The value 'x' is not valid") with ours; the rules re-check the rest.</summary>
    public static void ExplainBindingErrors(ModelStateDictionary state, IStringLocalizer l)
    {
        if (state.TryGetValue("Input.RadiusMiles", out var r) && r.Errors.Count > 0)
        {
            state.Remove("Input.RadiusMiles");
            state.AddModelError("Input.RadiusMiles", l["The radius must be between 1 and {0} miles.", GroupRules.MaxRadius]);
        }
        state.Remove("Input.Kind");
    }
}
