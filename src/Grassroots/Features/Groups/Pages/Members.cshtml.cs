using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

public sealed class MembersModel(GroupDetails details, Roster roster, IStringLocalizer<SharedResource> l) : PageModel
{
    public GroupView Group { get; private set; } = null!;
    public Page<GroupMemberView> Members { get; private set; } = null!;
    public bool IsOrganizer => Group.MyRole == GroupRole.Organizer;
    public string PageLink(int page) => $"/groups/{Group.Slug}/members?page={page}";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        if (!await LoadAsync(slug, pageNumber, ct)) return NotFound();
        // Who belongs to a group a jury reviews or removed is shown only where the group is: its page says why not.
        if (!(await details.NoticeAsync(Group, User.MemberId(), ct)).ShowContent) return Redirect($"/groups/{Group.Slug}");
        return Page();
    }

    public async Task<IActionResult> OnPostPromoteAsync(string slug, Guid memberId, CancellationToken ct)
    {
        if (User.MemberId() is not { } me) return Challenge();
        if (!await LoadAsync(slug, 1, ct)) return NotFound();
        var outcome = await roster.AddOrganizerAsync(User, Group.Id, memberId, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState);
                return Page();
        }
        TempData["Flash"] = l["They are now an organizer of this group."].Value;
        return Redirect($"/groups/{slug}/members");
    }

    private async Task<bool> LoadAsync(string slug, int? page, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return false;
        Group = g;
        Members = await details.MembersAsync(g.Id, page, 50, ct);
        return true;
    }
}
