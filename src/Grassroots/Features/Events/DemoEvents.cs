using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Events;

/// <summary>
/// The demo movement's events, hosted by demo people through <see cref="Hosting"/> as the form does: a
/// house-party weekend campaign, a rally, a canvass, a phone bank and a national call, all in the coming weeks
/// (from the day the database is made), so a first visitor finds a map and a calendar that are alive.
/// </summary>
internal sealed class DemoEvents(AppDbContext db, Hosting hosting, Campaigns campaigns, TimeProvider clock) : IDemoSeedStep
{
    private sealed record Demo(EventKind Kind, string Title, string Description, int Host, int InDays, int Hour, int Hours,
        string Zone, string? Zip, string? Address, int? Capacity, bool Campaign = false, string? DialIn = null, string? OnlineUrl = null);

    private static readonly Demo[] Events =
    [
        new(EventKind.HouseParty, "House party: Medicare for All in Fishtown", "Potluck and a short video, then we plan the town hall.\n\nBring a dish if you can.",
            0, 10, 18, 3, "America/New_York", "19125", "Ask the host for the address", 25, Campaign: true),
        new(EventKind.HouseParty, "House party in the Mission", "Tamales, a phone-bank demo and the summer plan.", 4, 10, 17, 3, "America/Los_Angeles", "94110", "Ask the host for the address", 20, Campaign: true),
        new(EventKind.Rally, "Rally for living wages", "Meet at the fountain; signs provided.", 5, 6, 12, 2, "America/Chicago", "60615", "Washington Park fountain", null),
        new(EventKind.Canvass, "Door-knocking in East Austin", "Training at 9, doors at 10. Wear good shoes.", 6, 4, 9, 4, "America/Chicago", "78702", "Meet at the community center", 30),
        new(EventKind.PhoneBank, "Phone bank from home", "Call voters about the town hall; we train you on the first call.", 5, 3, 19, 2, "America/Chicago", null, null, null,
            OnlineUrl: "https://meet.jit.si/grassroots-demo-phonebank"),
        new(EventKind.ConferenceCall, "National organizing call", "Updates from every region and what comes next.", 0, 5, 20, 1, "America/New_York", null, null, null,
            DialIn: "+1 555 010 2030", OnlineUrl: "https://meet.jit.si/grassroots-demo-call"),
    ];

    public int Order => 30;

    public async Task RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var weekendDay = today.AddDays(10);
        var rosa = await HostAsync(0, ct);
        var (campaign, made) = await campaigns.CreateAsync(MemberPrincipal.Acting(rosa), new CampaignInput
        {
            Title = "Medicare for All house party weekend", Description = "Hundreds of living rooms, one conversation. Host one near you.",
            FirstDay = weekendDay, LastDay = weekendDay.AddDays(1), Kind = EventKind.HouseParty,
            TemplateTitle = "House party for Medicare for All", TemplateDescription = "Watch the short video together, share stories, plan the town hall.",
            TemplateCapacity = 25, TemplateGuests = 2,
        }, ct);
        if (campaign is null) throw new InvalidOperationException("Demo campaign is invalid: " + made.Detail);
        foreach (var d in Events)
        {
            var starts = today.AddDays(d.InDays).ToDateTime(new TimeOnly(d.Hour, 0));
            var input = new EventInput
            {
                Kind = d.Kind, Title = d.Title, Description = d.Description, StartsAt = starts, EndsAt = starts.AddHours(d.Hours), TimeZone = d.Zone,
                Online = d.Zip is null, OnlineUrl = d.OnlineUrl, Zip = d.Zip, Address = d.Address, Capacity = d.Capacity, GuestsAllowed = d.Capacity is null ? 0 : 2,
                Waitlist = true, DialIn = d.DialIn, DialPin = d.DialIn is null ? null : "4321", CampaignId = d.Campaign ? campaign.Id : null,
            };
            var (e, outcome) = await hosting.CreateAsync(MemberPrincipal.Acting(await HostAsync(d.Host, ct)), input, ct);
            if (e is null)
                throw new InvalidOperationException("Demo event is invalid: " + string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(x => x.Value) ?? [outcome.Detail ?? ""]));
        }
    }

    private async Task<Guid> HostAsync(int index, CancellationToken ct)
    {
        var email = DemoPeople.EmailOf(index);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
    }
}
