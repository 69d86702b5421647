using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Moderation.Pages;

public sealed class LogModel(Flagging flagging) : PageModel
{
    public Page<FlagView> Flags { get; private set; } = null!;
    public string PageLink(int page) => $"/moderation?page={page}";

    public async Task OnGetAsync(int? page, CancellationToken ct) => Flags = await flagging.LogAsync(page, 50, null, ct);
}
