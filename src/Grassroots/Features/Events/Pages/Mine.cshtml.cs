using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Events.Pages;

[Authorize]
public sealed class MineModel(MyEvents mine, CalendarFeeds feeds) : PageModel
{
    public Page<MyEvent> Events { get; private set; } = null!;
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        Events = await mine.ListAsync(me, page, 20, ct);
        FeedUrl = await feeds.MyFeedUrlAsync(me, ct);
    }
}
