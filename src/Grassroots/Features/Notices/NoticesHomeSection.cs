using System.Security.Claims;
using Grassroots.Features.Home;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Notices;

public sealed record NoticesHome(Page<NoticeView> Latest, int Unread);

/// <summary>The newest notices at the top of a member's home page (unread first, as on the bell's page).</summary>
internal sealed class NoticesHomeSection(Inbox inbox) : IHomeSection
{
    public int Order => 10;

    public async Task<HomeSection?> LoadAsync(ClaimsPrincipal member, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        var unread = await inbox.UnreadCountAsync(me, ct);
        return new("/Features/Notices/Pages/_NoticesHome.cshtml", new NoticesHome(await inbox.ListAsync(me, 1, 3, ct), unread));
    }
}
