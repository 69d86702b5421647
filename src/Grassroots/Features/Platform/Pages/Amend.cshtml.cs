using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>Propose an amendment to a plank of the current version; ?kind, ?title and ?text prefill it (a consensus statement turned into an amendment).</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class AmendModel(Drafting drafting, Amending amending, IStringLocalizer<SharedResource> l) : FormPage
{
    public DocumentView Doc { get; private set; } = null!;
    public PlankView Plank { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public AmendmentKind Kind { get; set; } = AmendmentKind.Change;
    [BindProperty(SupportsGet = true)] public string? Title { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? plank, CancellationToken ct)
    {
        if (await LoadAsync(slug, plank, ct) is { } missing) return missing;
        if (string.IsNullOrEmpty(Text) && Kind == AmendmentKind.Change) Text = Plank.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? plank, CancellationToken ct)
    {
        if (await LoadAsync(slug, plank, ct) is { } missing) return missing;
        var (a, outcome) = await amending.ProposeAsync(User, Doc.Id, new AmendmentInput(Doc.Version, Plank.Key, Kind, Title, Text, Reason), ct);
        if (a is null) return Refused(outcome, l);
        TempData["Flash"] = l["Amendment #{0} is up. Share it: co-signers take it to the ballot.", a.Number].Value;
        return Redirect($"/platform/{Doc.Slug}/amendments/{a.Number}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, Guid? plank, CancellationToken ct)
    {
        if (await drafting.ReadAsync(slug, null, User, ct) is not { } doc) return NotFound();
        Doc = doc;
        if (doc.Planks.FirstOrDefault(p => p.Key == plank) is not { } found)
            return NotFound();
        Plank = found;
        return null;
    }
}
