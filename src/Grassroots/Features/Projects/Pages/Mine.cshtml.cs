using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Projects.Pages;

/// <summary>What a member runs, follows and promised, in one place.</summary>
[Authorize]
public sealed class MineModel(MyProjects mine, Ownership ownership) : PageModel
{
    public IReadOnlyList<OwnerInvitationView> Invitations { get; private set; } = [];
    public Page<MyProject> Projects { get; private set; } = null!;
    public Page<MyPledge> Pledges { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, int? pledgesPage, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        Invitations = await ownership.InvitationsForAsync(me, ct);
        Projects = await mine.ProjectsAsync(me, pageNumber, 20, ct);
        Pledges = await mine.PledgesAsync(me, pledgesPage, 20, ct);
    }

    public string ProjectsLink(int page) => $"/projects/mine?page={page}&pledgesPage={Pledges.PageNumber}";
    public string PledgesLink(int page) => $"/projects/mine?page={Projects.PageNumber}&pledgesPage={page}";
}
