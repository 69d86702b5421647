using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>My candidacies, and my nominations of others still waiting for their answer.</summary>
[Authorize]
public sealed class MineModel(CandidatesReports reports) : PageModel
{
    public Page<CandidateCard> Items { get; private set; } = null!;
    public string PageLink(int page) => $"/candidates/mine?page={page}";

    public async Task OnGetAsync(int? page, CancellationToken ct) => Items = await reports.MineAsync(User.RequiredMemberId(), page, 20, ct);
}
