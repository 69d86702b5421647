using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

[Authorize]
public sealed class NewModel(Launching launching, Similarity similarity, GroupDetails groups, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public ProjectForm Input { get; set; } = new();
    public IReadOnlyList<MyGroup> MyGroups { get; private set; } = [];
    public IReadOnlyList<SimilarProject> Similar { get; private set; } = [];

    public async Task OnGetAsync(Guid? group, CancellationToken ct)
    {
        Input.GroupId = group;
        MyGroups = (await groups.MineAsync(User.RequiredMemberId(), 1, 100, ct)).Items;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        MyGroups = (await groups.MineAsync(User.RequiredMemberId(), 1, 100, ct)).Items;
        if (ExplainUnreadableInput(l)) return Page();
        var (project, outcome) = await launching.LaunchAsync(User, Input.ToInput(), ct);
        if (project is null)
        {
            // Error keys count only filled rows; point them at the form rows they came from.
            var rows = Input.FilledRows;
            foreach (var (field, messages) in outcome.Errors!.ToDictionary())
            {
                var key = System.Text.RegularExpressions.Regex.Replace(field, @"^Needs\[(\d+)\]", m => $"Needs[{rows[int.Parse(m.Groups[1].Value)]}]");
                foreach (var m in messages) ModelState.AddModelError($"Input.{key}", m);
            }
            Similar = await similarity.FindAsync(Input.Title, Input.Goal, Input.Zip, null, ct);
            return Page();
        }
        TempData["Flash"] = l["Your project is live. Share it, and answer pledges as they come."].Value;
        return Redirect($"/projects/{project.Slug}");
    }
}
