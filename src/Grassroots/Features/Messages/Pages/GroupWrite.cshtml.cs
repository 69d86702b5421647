using Grassroots.Features.Groups;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Messages.Pages;

/// <summary>An organizer writes to the group's members (the group's page links here).</summary>
[Authorize]
public sealed class GroupWriteModel(GroupDetails details, Sending sending, IStringLocalizer<SharedResource> l) : FormPage
{
    public GroupView Group { get; private set; } = null!;
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        if (g.MyRole != GroupRole.Organizer) return Forbid();
        if (g.Moderation.IsFrozen()) return Frozen(g);
        Group = g;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await details.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        Group = g;
        if (g.MyRole == GroupRole.Organizer && g.Moderation.IsFrozen()) return Frozen(g);
        var result = await sending.SendAsync(User, new MessageInput(Subject, Body, GroupId: g.Id), ct);
        var outcome = result.Outcome;
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden: return Forbid();
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Invalid:
                outcome.Errors!.CopyTo(ModelState);
                return Page();
        }
        var count = result.Message!.Recipients;
        TempData["Flash"] = (count == 1 ? l["Your message is on its way to 1 member."] : l["Your message is on its way to {0} members.", count]).Value;
        return Redirect($"/messages/{result.Message.Id}");
    }

    private RedirectResult Frozen(GroupView g)
    {
        TempData["Flash"] = GroupRules.Frozen(g.Moderation, l);
        return Redirect($"/groups/{g.Slug}");
    }
}
