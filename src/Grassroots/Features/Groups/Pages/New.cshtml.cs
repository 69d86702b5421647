using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

[Authorize]
public sealed class NewModel(Founding founding, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public GroupForm Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        GroupForm.ExplainBindingErrors(ModelState, l);
        var (group, outcome) = await founding.FoundAsync(User.RequiredMemberId(), Input.ToInput(), ct);
        if (group is null) outcome.Errors!.CopyTo(ModelState, nameof(Input));
        if (!ModelState.IsValid || group is null) return Page();
        TempData["Flash"] = l["Your group is live. Invite people to join, and tell them what you will do together."].Value;
        return Redirect($"/groups/{group.Slug}");
    }
}
