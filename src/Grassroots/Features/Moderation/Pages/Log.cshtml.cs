using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Moderation.Pages;

public sealed class LogModel(Flagging flagging, Juries juries) : PageModel
{
    public Page<CaseView> Cases { get; private set; } = null!;
    public Page<FlagView> Flags { get; private set; } = null!;
    public string PageLink(int page) => $"/moderation?page={page}";

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Flags = await flagging.LogAsync(pageNumber, 50, null, ct);
        Cases = await juries.LogAsync(1, 20, ct);
    }
}
