using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Groups.Pages;

public sealed class DetailsModel(GroupDetails details, Roster roster, Flagging flagging, IEnumerable<IGroupPageSection> sections, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>What other features show on the group's page (its projects, …).</summary>
    public IReadOnlyList<GroupPageSection> Sections { get; private set; } = [];
    public GroupView Group { get; private set; } = null!;
    public Page<GroupMemberView> Members { get; private set; } = null!;
    public Page<FlagView>? Flags { get; private set; }
    public ModerationNotice Notice { get; private set; } = ModerationNotice.None;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        Group = g;
        Notice = await details.NoticeAsync(g, User.MemberId(), ct);
        if (!Notice.ShowContent)
        {
            // Removed is gone for good (410), not a page that still stands; under review is a notice that will change.
            if (Notice.State == ContentModeration.Removed) Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        Members = await details.MembersAsync(g.Id, 1, 20, ct);
        var shown = new List<GroupPageSection>();
        foreach (var section in sections.OrderBy(s => s.Order))
            if (await section.LoadAsync(g, User, ct) is { } loaded) shown.Add(loaded);
        Sections = shown;
        if (g.MyRole == GroupRole.Organizer) Flags = await flagging.LogAsync(1, 20, g.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(string slug, CancellationToken ct)
    {
        if (User.MemberId() is not { } me) return Challenge();
        if (await details.FindAsync(slug, me, ct) is not { } g) return NotFound();
        var outcome = await roster.JoinAsync(g.Id, me, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            TempData["Flash"] = GroupRules.Frozen(g.Moderation, l);
            return Redirect($"/groups/{g.Slug}");
        }
        TempData["Flash"] = l["Welcome to {0}! The organizers can now reach you through Grassroots.", g.Name].Value;
        return Redirect($"/groups/{g.Slug}");
    }
}
