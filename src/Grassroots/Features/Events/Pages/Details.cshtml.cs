using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events.Pages;

/// <summary>An event's page: when and where (at the place's clock), who is coming, and the RSVP form (members and guests).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.ServiceDefaults.WriteLimit)] // guests' forms count like the API's writes
public sealed class DetailsModel(EventDetails details, Rsvping rsvping, IStringLocalizer<SharedResource> l) : FormPage
{
    public EventView Event { get; private set; } = null!;
    [BindProperty] public RsvpForm Rsvp { get; set; } = new();

    public sealed class RsvpForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Zip { get; set; }
        public int Guests { get; set; }
        /// <summary>Made when the form is shown: sending it twice (a double tap, a retry) RSVPs once.</summary>
        public string? Key { get; set; }
    }

    /// <summary>A jury's notice: above the event for its hosts and jurors, in its place (Event null) for everyone else.</summary>
    public ModerationNotice Notice { get; private set; } = ModerationNotice.None;
    public string? ModeratedTitle { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var (e, notice, title) = await details.ReadWithNoticeAsync(slug, User, ct);
        (Notice, ModeratedTitle) = (notice, title);
        if (e is null)
        {
            if (notice.State == ContentModeration.Visible) return NotFound();
            Event = null!;
            Response.StatusCode = notice.State == ContentModeration.Removed ? StatusCodes.Status410Gone : StatusCodes.Status403Forbidden;
            return Page();
        }
        Event = e;
        Rsvp.Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostRsvpAsync(string slug, CancellationToken ct)
    {
        if (await details.ReadAsync(slug, User, ct) is not { } e) return NotFound();
        Event = e;
        if (ExplainUnreadableInput(l)) return Page();
        var result = await rsvping.RsvpAsync(User, e.Id, new RsvpInput(Rsvp.Name, Rsvp.Email, Rsvp.Zip, Rsvp.Guests), Rsvp.Key, ct);
        if (result.Outcome.Kind == OutcomeKind.Ok && User.Identity?.IsAuthenticated != true)
        {
            // A guest learns the rest from their mailbox (the page would tell anyone whether the address's owner is going).
            TempData["Flash"] = l["Check your email: we sent your RSVP to {0}, with the event's details and a link to cancel.", Rsvp.Email?.Trim() ?? ""].Value;
            return Redirect($"/events/{e.Slug}");
        }
        if (result.Rsvp is not { } rsvp)
        {
            if (result.Outcome.Kind == OutcomeKind.NotFound) return NotFound();
            result.Outcome.Errors!.CopyTo(ModelState, "Rsvp");
            return Page();
        }
        TempData["Flash"] = (rsvp.Status == RsvpStatus.Confirmed
            ? l["You're going. See you there!"]
            : l["The event is full: you're on the waitlist, and you move up if someone cancels."]).Value;
        return Redirect($"/events/{e.Slug}");
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, CancellationToken ct)
    {
        if (await details.ReadAsync(slug, User, ct) is not { MyRsvp: { } mine } e) return NotFound();
        await rsvping.CancelAsync(User, e.Id, mine.Id, null, ct);
        TempData["Flash"] = l["Your RSVP is cancelled. Thanks for letting the host know."].Value;
        return Redirect($"/events/{e.Slug}");
    }
}
