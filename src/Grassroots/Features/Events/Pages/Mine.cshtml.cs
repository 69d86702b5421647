using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

[Authorize]
public sealed class MineModel(MyEvents mine, CalendarFeeds feeds, Cohosting cohosting, IStringLocalizer<SharedResource> l) : PageModel
{
    public Page<MyEvent> Events { get; private set; } = null!;
    public string? FeedUrl { get; private set; }
    public IReadOnlyList<(Guid EventId, string Slug, string Title)> Invitations { get; private set; } = [];

    /// <summary>Yes or no to an invitation to co-host (their name goes on the event only with a yes).</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid eventId, bool accept, CancellationToken ct)
    {
        var outcome = await cohosting.AnswerAsync(User, eventId, accept, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        TempData["Flash"] = (accept ? l["You co-host it now: the host's tools are on its page."] : l["Declined."]).Value;
        return Redirect("/me/events");
    }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        Events = await mine.ListAsync(me, page, 20, ct);
        FeedUrl = await feeds.MyFeedUrlAsync(me, ct);
        Invitations = await cohosting.InvitationsAsync(me, ct);
    }
}
