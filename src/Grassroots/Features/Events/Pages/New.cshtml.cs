using Grassroots.Infrastructure.Web;
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

    public EventInput ToInput() => new()
    {
        Kind = Kind, Title = Title, Description = Description, StartsAt = StartsAt, EndsAt = EndsAt, TimeZone = TimeZone,
        Online = Online, OnlineUrl = OnlineUrl, Address = Address, Zip = Zip, Capacity = Capacity, GuestsAllowed = GuestsAllowed,
        Waitlist = Waitlist, Visibility = EventVisibility.Public,
    };
}

/// <summary>Any member creates an event at once: no approval.</summary>
[Authorize]
public sealed class NewModel(Hosting hosting, IStringLocalizer<SharedResource> l) : FormPage
{
    [BindProperty] public EventForm Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ExplainUnreadableInput(l)) return Page();
        var (e, outcome) = await hosting.CreateAsync(User, Input.ToInput(), ct);
        if (e is null)
        {
            if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
            outcome.Errors!.CopyTo(ModelState, "Input");
            return Page();
        }
        TempData["Flash"] = l["Your event is on the calendar. Share its page: people can RSVP at once."].Value;
        return Redirect($"/events/{e.Slug}");
    }
}
