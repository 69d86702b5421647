using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

[Authorize]
public sealed class EditModel(GroupDetails details, Editing editing, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public GroupForm Input { get; set; } = new();
    public GroupView Group { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        if (g.MyRole != GroupRole.Organizer) return Forbid();
        if (g.Moderation.IsFrozen()) return Frozen(g);
        (Group, Input) = (g, GroupForm.From(g));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        Group = g;
        if (g.MyRole == GroupRole.Organizer && g.Moderation.IsFrozen()) return Frozen(g);
        GroupForm.ExplainBindingErrors(ModelState, l);
        var outcome = await editing.EditAsync(User, g.Id, Input.ToInput(), ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Invalid: outcome.Errors!.CopyTo(ModelState, nameof(Input)); break;
        }
        if (!ModelState.IsValid) return Page();
        TempData["Flash"] = l["The group is saved."].Value;
        return Redirect($"/groups/{g.Slug}");
    }

    private RedirectResult Frozen(GroupView g)
    {
        TempData["Flash"] = GroupRules.Frozen(g.Moderation, l);
        return Redirect($"/groups/{g.Slug}");
    }
}
