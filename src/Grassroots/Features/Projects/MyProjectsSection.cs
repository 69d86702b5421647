using System.Security.Claims;
using Grassroots.Features.Home;
using Grassroots.Infrastructure.Web;

namespace Grassroots.Features.Projects;

public sealed record MyProjectsHome(Page<MyProject> Projects, IReadOnlyList<MyPledge> Waiting, IReadOnlyList<NeedMatch> NeedYou);

/// <summary>
/// A member's projects on their home page: what they run (with pledges to answer), the pledges of theirs
/// still waiting for an owner, and "Projects that need you".
/// </summary>
internal sealed class MyProjectsSection(MyProjects mine, Matching matching) : IHomeSection
{
    public int Order => 30;

    public async Task<HomeSection?> LoadAsync(ClaimsPrincipal member, CancellationToken ct)
    {
        var me = member.RequiredMemberId();
        return new("/Features/Projects/Pages/_MyProjectsHome.cshtml", new MyProjectsHome(
            await mine.ProjectsAsync(me, 1, 6, ct),
            await mine.WaitingAsync(me, 6, ct),
            await matching.ForMemberAsync(me, 5, ct)));
    }
}
