using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Notices.Pages;

/// <summary>The bell's page: my notices, unread first, paged. Opening one marks it read; so does "mark all read".</summary>
[Authorize]
public sealed class IndexModel(Inbox inbox) : PageModel
{
    public Page<NoticeView> Notices { get; private set; } = null!;
    public int Unread { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        Notices = await inbox.ListAsync(me, page, null, ct);
        Unread = await inbox.UnreadCountAsync(me, ct);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkReadAsync(User.RequiredMemberId(), null, ct);
        return RedirectToPage();
    }

    public string PageLink(int page) => $"/notices?page={page}";
}
