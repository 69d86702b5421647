using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Messages.Pages;

/// <summary>A printable flyer: the group's name, what it is, a QR code of the invite link and the link itself.</summary>
public sealed class FlyerModel(GroupDetails groups, Invites invites) : PageModel
{
    public GroupView Group { get; private set; } = null!;
    public InviteLink Invite { get; private set; } = null!;
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await groups.FindAsync(slug, User.MemberId(), ct) is not { } g || g.Moderation.IsFrozen()) return NotFound();
        Group = g;
        Invite = invites.Link(g.Slug, g.Name, g.MyRole is null ? null : User.MemberId());
        QrSvg = Invites.QrSvg(Invite.Url);
        return Page();
    }
}
