using Grassroots.Infrastructure.Web;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
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
    private (string Slug, Guid? Plank)? _amend;

    /// <summary>
    /// Votes a participant casts before entering the map, as the math counts: its threshold, or fewer when fewer statements
    /// have votes (moderated-out, meta and waiting statements are not in the math).
    /// </summary>
    public int VotesToEnter => Math.Min(new Grassroots.Opinion.OpinionMapOptions().MinimumVotes, Math.Max(_voted, 1));
    private int _voted;
    /// <summary>How many more votes the reader needs to appear on the map (0 once they have cast enough and wait for a redraw).</summary>
    public int VotesStillNeeded => Math.Max(0, VotesToEnter - C.MyVotes);

    /// <summary>
    /// The amendment form prefilled with a consensus statement as a new plank. The member chooses the plank it goes after,
    /// the conversation's plank preselected (then the form opens on it, with a way to choose another). The title is the
    /// statement cut between words, for the member to rewrite. Only for a conversation on a document that takes amendments now.
    /// </summary>
    public string? AmendLink(string text) => _amend is { } a
        ? $"/platform/{a.Slug}/amend?{(a.Plank is { } p ? $"plank={p}&" : "")}kind=AddPlank&title={Uri.EscapeDataString(l["Common ground: {0}", Echo.AtWord(text, 100)])}&text={Uri.EscapeDataString(text)}"
        : null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await deliberating.ReadAsync(slug, User, ct) is not { } c) return NotFound();
        C = c;
        _voted = await db.Statements.AsNoTracking().Where(Statement.Shown(c.StatementsNeedApproval)).CountAsync(s => s.ConversationId == c.Id && s.Seen > 0 && !s.Meta, ct);
        if (await maps.ReadWithSvgAsync(c.Id, User.MemberId(), map => (l["Opinion map of \"{0}\"", c.Topic],
                l["{0} participants in {1} groups; each dot is one or more people, placed by how they voted.", map.InMap, map.Groups.Count]), l["you are here"],
                (n, group) => l.Count(n, "1 person in group {1}", "{0} people in group {1}", OpinionMaps.Label(group)), ct) is { } drawn)
            (Map, Svg) = drawn;
        if (c.DocumentId is { } documentId && await db.PlatformDocuments.AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.Slug, d.AmendmentsOpen, d.Phase }).SingleOrDefaultAsync(ct) is { } doc
            && doc.AmendmentsOpen && Platform.PlatformRules.MayOpenAmendments(doc.Phase))
            _amend = (doc.Slug, c.PlankKey);
        return Page();
    }
}
