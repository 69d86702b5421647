using System.Security.Claims;
using Grassroots.Features.Home;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Events;

public sealed record MyEventsHome(Page<MyEvent> Next, int Invitations);

/// <summary>A member's next events on their home page (hosting, going, waiting) and co-host invitations waiting for an answer.</summary>
internal sealed class MyEventsSection(MyEvents mine, Cohosting cohosting) : IHomeSection
{
    public int Order => 15;

    public async Task<HomeSection?> LoadAsync(ClaimsPrincipal member, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        return new("/Features/Events/Pages/_MyEventsHome.cshtml",
            new MyEventsHome(await mine.ListAsync(me, 1, 3, ct), await cohosting.InvitationCountAsync(me, ct)));
    }
}
