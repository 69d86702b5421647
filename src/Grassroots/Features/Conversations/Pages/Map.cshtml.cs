using Grassroots.Infrastructure.Web;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations.Pages;

/// <summary>The opinion map: the SVG (drawn on the server), each group's statements, the common ground, and the link that turns it into an amendment.</summary>
public sealed class MapModel(Deliberating deliberating, OpinionMaps maps, AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public ConversationView C { get; private set; } = null!;
    public OpinionMapView? Map { get; private set; }
    public string Svg { get; private set; } = "";
    private (string Slug, Guid Plank)? _amend;

    /// <summary>
    /// The amendment form prefilled with a consensus statement as a new plank: after the conversation's plank, or the
    /// document's last one. Only for a conversation on a platform document that takes amendments now.
    /// </summary>
    public string? AmendLink(string text) => _amend is { } a
        ? $"/platform/{a.Slug}/amend?plank={a.Plank}&kind=AddPlank&title={Uri.EscapeDataString(l["Common ground: {0}", text.Length > 60 ? text[..60] + "…" : text])}&text={Uri.EscapeDataString(text)}"
        : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await deliberating.ReadAsync(slug, User, ct) is not { } c) return NotFound();
        C = c;
        if (await maps.ReadWithSvgAsync(c.Id, User.MemberId(), map => (l["Opinion map of \"{0}\"", c.Topic],
                l["{0} participants in {1} groups; each dot is one person, placed by how they voted.", map.InMap, map.Groups.Count]), l["you are here"], ct) is { } drawn)
            (Map, Svg) = drawn;
        if (c.DocumentId is { } documentId && await db.PlatformDocuments.AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.Slug, d.CurrentVersion, d.AmendmentsOpen, d.Phase }).SingleOrDefaultAsync(ct) is { } doc
            && doc.AmendmentsOpen && Platform.PlatformRules.MayOpenAmendments(doc.Phase))
        {
            var plank = c.PlankKey ?? await db.PlatformPlanks.AsNoTracking()
                .Where(p => db.PlatformVersions.Any(v => v.Id == p.VersionId && v.DocumentId == documentId && v.Number == doc.CurrentVersion))
                .OrderByDescending(p => p.Position).Select(p => (Guid?)p.Key).FirstOrDefaultAsync(ct);
            if (plank is { } key) _amend = (doc.Slug, key);
        }
        return Page();
    }
}
