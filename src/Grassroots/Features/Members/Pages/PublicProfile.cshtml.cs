using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Members.Pages;

public sealed class PublicProfileModel(UserManager<Member> users, ModerationNotices notices) : PageModel
{
    public PublicMemberView View { get; private set; } = null!;
    public ModerationNotice Notice { get; private set; } = ModerationNotice.None;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } m) return NotFound();
        View = PublicMemberView.Of(m);
        var viewer = User.MemberId();
        // The member is the author of their profile; the contract is the same as for any content (see ContentModeration).
        Notice = await notices.ForViewerAsync("member", m.Id.ToString(), m.Moderation, viewer == m.Id, viewer, ct);
        if (Notice is { ShowContent: false, State: ContentModeration.Removed }) Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
