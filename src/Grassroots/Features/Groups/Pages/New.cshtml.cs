using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

[Authorize]
public sealed class NewModel(Founding founding, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public GroupForm Input { get; set; } = new();
    /// <summary>Ticked after being shown the chapters that already cover the place: found this one anyway.</summary>
    [BindProperty] public bool FoundAnyway { get; set; }
    public IReadOnlyList<GroupSummary> Covering { get; private set; } = [];
    /// <summary>The group whose name this one repeats, linked from the error ("Join it").</summary>
    public (string Slug, string Name)? Duplicate { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        GroupForm.ExplainBindingErrors(ModelState, l);
        // A second chapter for the same streets splits the people who would meet: show the ones there are
        // first (the founder may go ahead: nobody's permission is needed).
        if (Input.Kind == GroupKind.Chapter && !FoundAnyway && ModelState.IsValid)
        {
            Covering = await founding.ChaptersCoveringAsync(Input.Zip, ct);
            if (Covering.Count > 0) return Page();
        }
        var (group, outcome) = await founding.FoundAsync(User.RequiredMemberId(), Input.ToInput(), ct);
        if (group is null)
        {
            outcome.Errors!.CopyTo(ModelState, nameof(Input));
            Duplicate = await founding.DuplicateOfAsync(Input.ToInput(), ct);
        }
        if (!ModelState.IsValid || group is null) return Page();
        TempData["Flash"] = l["Your group is live. Invite people to join, and tell them what you will do together."].Value;
        return Redirect($"/groups/{group.Slug}");
    }
}
