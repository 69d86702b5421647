using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform.Pages;

/// <summary>
/// Propose an amendment to a plank of the current version; ?kind, ?title and ?text prefill it (a consensus statement turned
/// into an amendment). Without ?plank, or with ?choose=true, the member first chooses the plank (the one given preselected).
/// </summary>
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
    /// <summary>The plank is still to be chosen: the page shows the list of planks first.</summary>
    public bool Choosing { get; private set; }
    /// <summary>The plank preselected in the list.</summary>
    public Guid? Chosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? plank, bool choose, CancellationToken ct)
    {
        if (plank is null || choose)
        {
            var choosing = await ChooseAsync(slug, plank, ct);
            if (plank is null && Request.Query.ContainsKey("plank")) ModelState.AddModelError("plank", l["Choose the plank the amendment goes with."]);
            return choosing;
        }
        // A plank no longer in the current version (a conversation's, say): choose one that is.
        if (await LoadAsync(slug, plank, ct) is { } missing) return Doc is null ? missing : await ChooseAsync(slug, null, ct);
        if (string.IsNullOrEmpty(Text) && Kind == AmendmentKind.Change) Text = Plank.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? plank, CancellationToken ct)
    {
        if (plank is null)
        {
            var choosing = await ChooseAsync(slug, null, ct);
            ModelState.AddModelError("plank", l["Choose the plank the amendment goes with."]);
            return choosing;
        }
        if (await LoadAsync(slug, plank, ct) is { } missing) return missing;
        var (a, outcome) = await amending.ProposeAsync(User, Doc.Id, new AmendmentInput(Doc.Version, Plank.Key, Kind, Title, Text, Reason), ct);
        if (a is null) return Refused(outcome, l);
        TempData["Flash"] = l["Amendment #{0} is up. Share it: co-signers take it to the ballot.", a.Number].Value;
        return Redirect($"/platform/{Doc.Slug}/amendments/{a.Number}");
    }

    /// <summary>The list of the current version's planks to choose from, <paramref name="plank"/> preselected if it is one of them.</summary>
    private async Task<IActionResult> ChooseAsync(string slug, Guid? plank, CancellationToken ct)
    {
        if (await drafting.ReadAsync(slug, null, User, ct) is not { } doc) return NotFound();
        Doc = doc;
        Choosing = true;
        Chosen = doc.Planks.Any(p => p.Key == plank) ? plank : null;
        return Page();
    }

    /// <summary>How a plank is named in the list: its number and title, or the start of its text.</summary>
    public static string Name(PlankView p) => $"{p.Number}. {(p.Title.Length > 0 ? p.Title : Grassroots.Infrastructure.Text.Echo.AtWord(p.Body, 60))}";

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
