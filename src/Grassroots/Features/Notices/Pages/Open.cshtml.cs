using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Notices.Pages;

/// <summary>Opening a notice: it is read now, and the member goes where to act. Another member's notice is not found.</summary>
[Authorize]
public sealed class OpenModel(Inbox inbox) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await inbox.OpenAsync(User.RequiredMemberId(), id, ct) is { } link ? LocalRedirect(link) : NotFound();
}
