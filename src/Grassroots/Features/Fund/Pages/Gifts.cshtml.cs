using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Fund.Pages;

/// <summary>My gifts, newest first, each linking to its receipt.</summary>
[Authorize]
public sealed class GiftsModel(FundReports reports) : PageModel
{
    public Page<GiftView> Gifts { get; private set; } = null!;
    public string PageLink(int page) => $"/give/gifts?page={page}";

    public async Task OnGetAsync(int? page, CancellationToken ct) => Gifts = await reports.MineAsync(User.RequiredMemberId(), page, 20, ct);
}
