using Grassroots.Features.Groups;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>The form behind <see cref="EventInput"/>: what a browser posts (times as the host's wall clock at the place).</summary>
public sealed class EventForm
{
    public EventKind Kind { get; set; } = EventKind.HouseParty;
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public string TimeZone { get; set; } = "America/New_York";
    public bool Online { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Address { get; set; }
    public string? Zip { get; set; }
    public int? Capacity { get; set; }
    public int GuestsAllowed { get; set; }
    public bool Waitlist { get; set; } = true;
    public string? DialIn { get; set; }
    public string? DialPin { get; set; }
    public Guid? GroupId { get; set; }
    public bool MembersOnly { get; set; }

    public EventInput ToInput(Guid? campaignId = null) => new()
    {
        Kind = Kind, Title = Title, Description = Description, StartsAt = StartsAt, EndsAt = EndsAt, TimeZone = TimeZone,
        Online = Online, OnlineUrl = OnlineUrl, Address = Address, Zip = Zip, Capacity = Capacity, GuestsAllowed = GuestsAllowed,
        Waitlist = Waitlist, Visibility = MembersOnly ? EventVisibility.GroupMembers : EventVisibility.Public,
        DialIn = DialIn, DialPin = DialPin, GroupId = GroupId, CampaignId = campaignId,
    };

    public static EventForm Of(Event e) => new()
    {
        Kind = e.Kind, Title = e.Title, Description = e.Description, TimeZone = e.TimeZone,
        StartsAt = EventTimes.Local(e.StartsAt, e.TimeZone).DateTime, EndsAt = EventTimes.Local(e.EndsAt, e.TimeZone).DateTime,
        Online = e.Online, OnlineUrl = e.OnlineUrl, Address = e.Address, Zip = e.Zip, Capacity = e.Capacity, GuestsAllowed = e.GuestsAllowed,
        Waitlist = e.Waitlist, DialIn = e.DialIn, DialPin = e.DialPin, GroupId = e.GroupId, MembersOnly = e.Visibility == EventVisibility.GroupMembers,
    };
}

/// <summary>A page with the event form (new and edit share its fields).</summary>
public abstract class EventFormPage : FormPage
{
    [BindProperty] public EventForm Input { get; set; } = new();
}

/// <summary>Any member creates an event at once: no approval.</summary>
[Authorize]
public sealed class NewModel(Hosting hosting, Campaigns campaigns, AppDbContext db, IStringLocalizer<SharedResource> l) : EventFormPage
{
    /// <summary>The campaign the host starts from (its template fills the form), by its address.</summary>
    [BindProperty(SupportsGet = true)] public string? Campaign { get; set; }
    /// <summary>"Host an event for this group" on a group's page: the group chosen, if I organize it.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Group { get; set; }
    public CampaignView? CampaignView { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> MyGroups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (CampaignView is { } c)
        {
            // The template: the host changes what they like.
            var day = c.FirstDay.ToDateTime(new TimeOnly(19, 0));
            Input = new EventForm
            {
                Kind = c.Kind, Title = c.TemplateTitle, Description = c.TemplateDescription, Capacity = c.TemplateCapacity,
                GuestsAllowed = c.TemplateGuests, StartsAt = day, EndsAt = day.AddHours(2),
            };
        }
        if (Group is { } g && MyGroups.Any(x => x.Id == g)) Input.GroupId = g;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ExplainUnreadableInput(l)) return Page();
        var (e, outcome) = await hosting.CreateAsync(User, Input.ToInput(CampaignView?.Id), ct);
        if (e is null)
        {
            if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
            outcome.Errors!.CopyTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Your event is on the calendar. Share its page: people can RSVP at once."].Value;
        return Redirect($"/events/{e.Slug}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = User.RequiredMemberId();
        if (!string.IsNullOrWhiteSpace(Campaign) && Campaign.Length <= 140) CampaignView = await campaigns.ReadAsync(Campaign, me, ct);
        MyGroups = await OrganizedGroups.ListAsync(db, me, ct);
    }
}
