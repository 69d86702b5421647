using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

[Authorize]
public sealed class LeaveModel(GroupDetails details, Roster roster, IStringLocalizer<SharedResource> l) : FormPage
{
    public GroupView Group { get; private set; } = null!;
    public bool NeedsSuccessor { get; private set; }
    public IReadOnlyList<GroupMemberView> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, Guid? successorId, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var outcome = await roster.LeaveAsync(Group.Id, User.RequiredMemberId(), successorId, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            outcome.Errors!.CopyTo(ModelState);
            return Page();
        }
        TempData["Flash"] = l["You left {0}.", Group.Name].Value;
        return Redirect($"/groups/{Group.Slug}");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        if (await details.FindAsync(slug, me, ct) is not { } g) return false;
        Group = g;
        NeedsSuccessor = g.MyRole == GroupRole.Organizer && !await roster.HasOtherOrganizerAsync(g.Id, me, ct);
        if (NeedsSuccessor)
            Candidates = (await details.MembersAsync(g.Id, 1, 100, ct)).Items.Where(m => m.MemberId != me).ToList();
        return true;
    }
}
