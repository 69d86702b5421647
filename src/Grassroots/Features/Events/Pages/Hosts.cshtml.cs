using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>The hosts' room: write to the people coming, co-hosts and co-hosting groups, the granted export.</summary>
[Authorize]
public sealed class HostsModel(EventDetails details, Cohosting cohosting, HostMessages messages, AttendeeExport export, AppDbContext db, IStringLocalizer<SharedResource> l) : FormPage
{
    public EventView Event { get; private set; } = null!;
    public EventHostsView Hosts { get; private set; } = null!;
    public Page<EventMessageView> Messages { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Candidates { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> MyGroups { get; private set; } = [];
    /// <summary>The reader: their own row says "step down", not "remove".</summary>
    public Guid Me => User.RequiredMemberId();
    [BindProperty] public MessageForm Message { get; set; } = new();

    public sealed class MessageForm
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
        public bool ToWaitlist { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostMessageAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var (_, outcome) = await messages.SendAsync(User, Event.Id, new EventMessageInput(Message.Subject, Message.Body, Message.ToWaitlist), ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            outcome.Errors?.CopyTo(ModelState, "Message");
            return Page();
        }
        return Done(l["Sent. It is on its way to the people coming."]);
    }

    public async Task<IActionResult> OnPostInviteAsync(string slug, Guid memberId, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await cohosting.InviteAsync(User, Event.Id, memberId, ct), l["Asked. They become a co-host when they accept, on their events page."]);

    public async Task<IActionResult> OnPostRemoveAsync(string slug, Guid memberId, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await cohosting.RemoveAsync(User, Event.Id, memberId, ct), l["Removed. They no longer have a host's tools."]);

    public async Task<IActionResult> OnPostGroupAsync(string slug, Guid groupId, bool cohost, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await cohosting.SetGroupAsync(User, Event.Id, groupId, cohost, ct), l["Saved."]);

    public async Task<IActionResult> OnPostExportAsync(string slug, bool granted, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? After(await export.GrantAsync(User, Event.Id, granted, ct), l["Saved."]);

    private IActionResult After(Outcome outcome, string done)
    {
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.Kind != OutcomeKind.Ok)
        {
            outcome.Errors!.CopyTo(ModelState, "");
            return Page();
        }
        return Done(done);
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect($"/events/{Event.Slug}/hosts");
    }

    /// <summary>The page exists for the event's hosts only.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (slug.Length > 140 || await details.ReadAsync(slug, User, ct) is not { IHost: true } e) return NotFound();
        Event = e;
        var (hosts, outcome) = await cohosting.ReadAsync(User, e.Id, ct);
        if (hosts is null) return outcome.Kind == OutcomeKind.Forbidden ? Forbid() : NotFound();
        Hosts = hosts;
        Messages = (await messages.ListAsync(User, e.Id, 1, 10, ct)).Messages!;
        var me = User.RequiredMemberId();
        var taken = hosts.Cohosts.Select(c => c.MemberId).Append(hosts.HostId).ToHashSet();
        var coming = await db.Rsvps.AsNoTracking().Where(r => r.EventId == e.Id && r.MemberId != null && r.Status != RsvpStatus.Cancelled)
            .OrderBy(r => r.Name).Select(r => new { Id = r.MemberId!.Value, r.Name }).Take(200).ToListAsync(ct);
        Candidates = coming.Where(c => !taken.Contains(c.Id)).Select(c => (c.Id, c.Name)).ToList();
        var listed = hosts.Groups.Select(g => g.GroupId).ToHashSet();
        MyGroups = (await OrganizedGroups.ListAsync(db, me, ct)).Where(g => !listed.Contains(g.Id)).ToList();
        return null;
    }
}
