using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Events.Pages;

/// <summary>A campaign's banner, its live totals and its events; "host one" starts from its template.</summary>
public sealed class CampaignModel(Campaigns campaigns) : PageModel
{
    public CampaignView Campaign { get; private set; } = null!;
    public Page<CampaignEvent> Events { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int? page, CancellationToken ct)
    {
        if (slug.Length > 140 || await campaigns.ReadAsync(slug, User.MemberId(), ct) is not { } c) return NotFound();
        Campaign = c;
        Events = (await campaigns.EventsAsync(c.Id.ToString(), page, 20, ct))!;
        return Page();
    }
}
