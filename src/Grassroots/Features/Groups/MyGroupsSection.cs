using System.Security.Claims;
using Grassroots.Features.Home;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Groups;

public sealed record MyGroupsHome(Page<MyGroup> Groups);

/// <summary>"My groups" on a member's home page.</summary>
internal sealed class MyGroupsSection(GroupDetails details) : IHomeSection
{
    public int Order => 20;

    public async Task<HomeSection?> LoadAsync(ClaimsPrincipal member, CancellationToken ct) =>
        new("/Features/Groups/Pages/_MyGroupsHome.cshtml", new MyGroupsHome(await details.MineAsync(member.RequiredMemberId(), 1, 6, ct)));
}
