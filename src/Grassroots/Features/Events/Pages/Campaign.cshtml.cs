using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Events.Pages;

/// <summary>A campaign's banner, its live totals and its events; "host one" starts from its template.</summary>
public sealed class CampaignModel(Campaigns campaigns) : PageModel
{
    public CampaignView Campaign { get; private set; } = null!;
    public Page<EventListing> Events { get; private set; } = null!;

    /// <summary>A jury's notice: above the campaign for its runners and jurors, in its place (Campaign null) for everyone else.</summary>
    public ModerationNotice Notice { get; private set; } = ModerationNotice.None;
    public string? ModeratedTitle { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? page, CancellationToken ct)
    {
        var (c, notice, title) = await campaigns.ReadWithNoticeAsync(slug, User.MemberId(), ct);
        (Notice, ModeratedTitle) = (notice, title);
        if (c is null)
        {
            if (notice.State == ContentModeration.Visible) return NotFound();
            Campaign = null!;
            Response.StatusCode = notice.State == ContentModeration.Removed ? StatusCodes.Status410Gone : StatusCodes.Status403Forbidden;
            return Page();
        }
        Campaign = c;
        Events = (await campaigns.EventsAsync(c.Id.ToString(), page, 20, ct))!;
        return Page();
    }
}
