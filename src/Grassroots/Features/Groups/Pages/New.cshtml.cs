using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

[Authorize]
public sealed class NewModel(Founding founding, IStringLocalizer<SharedResource> l) : FormPage
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public GroupKind? Kind { get; set; }
        public string? Zip { get; set; }
        public int? RadiusMiles { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();

    public static readonly IReadOnlyDictionary<GroupKind, string> Hints = new Dictionary<GroupKind, string>
    {
        [GroupKind.Constituency] = "people who share who they are: Millennials for …, Nurses for …",
        [GroupKind.Chapter] = "a place and the area around it, like the Philadelphia chapter",
        [GroupKind.Issue] = "people who share a cause: climate, student debt, healthcare",
    };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.TryGetValue("Input.RadiusMiles", out var r) && r.Errors.Count > 0)
        {
            ModelState.Remove("Input.RadiusMiles");
            ModelState.AddModelError("Input.RadiusMiles", l["The radius must be between 1 and {0} miles.", GroupRules.MaxRadius]);
        }
        ModelState.Remove("Input.Kind");
        var (group, outcome) = await founding.FoundAsync(User.RequiredMemberId(),
            new GroupInput { Name = Input.Name, Kind = Input.Kind, Zip = Input.Zip, RadiusMiles = Input.RadiusMiles, Description = Input.Description }, ct);
        if (group is null) outcome.Errors!.CopyTo(ModelState, nameof(Input));
        if (!ModelState.IsValid || group is null) return Page();
        TempData["Flash"] = l["Your group is live. Invite people to join, and tell them what you will do together."].Value;
        return Redirect($"/groups/{group.Slug}");
    }
}
