using Grassroots.Features.Events;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>What the form posts: times as the wall clock where the assembly meets.</summary>
public sealed class AssemblyForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public string TimeZone { get; set; } = "America/New_York";
    public Guid? EventId { get; set; }
    public string? StreamUrl { get; set; }
    public CredentialRule CredentialRule { get; set; }

    public AssemblyInput ToInput()
    {
        var zone = EventTimes.Zone(TimeZone);
        DateTimeOffset? Utc(DateTime? local) => local is { } t ? zone is null ? new DateTimeOffset(t, TimeSpan.Zero) : EventTimes.ToUtc(t, zone) : null;
        return new AssemblyInput(Name, Description, Utc(StartsAt), Utc(EndsAt), TimeZone, EventId, StreamUrl, CredentialRule);
    }
}

/// <summary>Anyone starts an assembly (no approval); they are its creator and name its chairs.</summary>
[Authorize]
[EnableRateLimiting(ServiceDefaults.WriteLimit)]
public sealed class NewModel(Assemblies assemblies, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public AssemblyForm Input { get; set; } = new();
    public IReadOnlyList<(Guid Id, string Title)> Venues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid && ExplainUnreadableInput(l)) return Page();
        var (a, outcome) = await assemblies.CreateAsync(User, Input.ToInput(), ct);
        if (a is null) return Refused(outcome, l, "Input.");
        TempData["Flash"] = l["The assembly is started. Name its chairs and write its agenda in the chair's room."].Value;
        return Redirect($"/assemblies/{a.Slug}");
    }

    /// <summary>The venues to choose from: upcoming events the member hosts.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        var now = clock.GetUtcNow();
        // The hosting rule of EventPolicies.HostsOf, as a filter: the host, accepted co-hosts, the group's organizers.
        Venues = (await db.Events.AsNoTracking().Where(e => e.EndsAt > now).Where(e => e.HostId == me
                || db.EventCohosts.Any(c => c.EventId == e.Id && c.MemberId == me && c.AcceptedAt != null)
                || db.Memberships.Any(m => m.GroupId == e.GroupId && m.MemberId == me && m.Role == Groups.GroupRole.Organizer))
            .OrderBy(e => e.StartsAt).Take(50).Select(e => new { e.Id, e.Title }).ToListAsync(ct)).Select(e => (e.Id, e.Title)).ToList();
    }
}
