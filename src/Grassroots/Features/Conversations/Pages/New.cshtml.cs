using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations.Pages;

/// <summary>Start a conversation, on its own or (?document=slug&amp;plank=key) on a platform document its facilitators run.</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class NewModel(Deliberating deliberating, Drafting drafting, IStringLocalizer<SharedResource> l) : FormPage
{
    public PlatformDocument? Document { get; private set; }
    public Guid? Plank { get; private set; }
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Seeds { get; set; }
    [BindProperty] public bool Strict { get; set; }

    public async Task<IActionResult> OnGetAsync(string? document, Guid? plank, CancellationToken ct)
    {
        Document = document is null ? null : await drafting.FindAsync(document, ct);
        if (document is not null && Document is null) return NotFound();
        Plank = plank;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? document, Guid? plank, CancellationToken ct)
    {
        Document = document is { } id ? await drafting.FindAsync(id.ToString(), ct) : null;
        Plank = plank;
        var seeds = (Seeds ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (c, outcome) = await deliberating.CreateAsync(User, new ConversationInput(Topic, Description, document, plank, Strict, seeds), ct);
        if (c is null) return Refused(outcome, l);
        TempData["Flash"] = l["The conversation is open. Share its address: everyone who votes shapes the map."].Value;
        return Redirect($"/conversations/{c.Slug}");
    }
}
