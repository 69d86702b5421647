using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects.Pages;

[Authorize]
public sealed class EditModel(ProjectDetails details, Editing editing, Access access, GroupDetails groups, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public ProjectForm Input { get; set; } = new();
    public ProjectView Project { get; private set; } = null!;
    public IReadOnlyList<MyGroup> MyGroups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User, ct) is not { } p) return NotFound();
        if (!await access.CanAsync(User, new ProjectResource(p.Id), ProjectPolicies.Run)) return Forbid();
        (Project, Input) = (p, ProjectForm.Of(p));
        MyGroups = await GroupsAsync(p, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User, ct) is not { } p) return NotFound();
        Project = p;
        MyGroups = await GroupsAsync(p, ct);
        if (ExplainUnreadableInput(l)) return Page();
        var outcome = await editing.EditAsync(User, p.Id, Input.ToInput(), ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden when outcome.Detail is { } why: ModelState.AddModelError("", why); return Page();
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Invalid: outcome.Errors!.CopyTo(ModelState, nameof(Input)); return Page();
        }
        TempData["Flash"] = l["The project is saved."].Value;
        return Redirect($"/projects/{p.Slug}");
    }

    /// <summary>The owner's groups, plus the project's current group if the owner is not in it (so saving keeps it).</summary>
    private async Task<IReadOnlyList<MyGroup>> GroupsAsync(ProjectView p, CancellationToken ct)
    {
        var mine = (await groups.MineAsync(User.RequiredMemberId(), 1, 100, ct)).Items;
        return p.GroupId is { } gid && p.GroupName is { } name && mine.All(g => g.Id != gid)
            ? [.. mine, new MyGroup(gid, p.GroupSlug!, name, default, null, null, 0, GroupRole.Member, default)]
            : mine;
    }
}
