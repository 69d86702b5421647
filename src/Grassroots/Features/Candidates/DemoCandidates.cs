using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Candidates;

/// <summary>
/// The demo movement's offices: Washington's precinct committee officers in King County (412 demo precincts, not the
/// county's real list), a few federal and state seats, and Washington's PCO filing week as the state announces it
/// (demo dates: check sos.wa.gov for the real ones); one demo member runs for the House.
/// </summary>
internal sealed class DemoCandidates(AppDbContext db, Nominating nominating, TimeProvider clock) : IDemoSeedStep
{
    public const int KingCountyPrecincts = 412;

    public int Order => 50;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        for (var i = 1; i <= KingCountyPrecincts; i++)
        {
            var precinct = $"SEA {30 + i % 17}-{1000 + i}";
            db.Offices.Add(new Office
            {
                Level = OfficeLevel.Party, Kind = OfficeKind.PrecinctCommitteeOfficer, Name = $"Precinct Committee Officer, {precinct}", State = "WA", County = "KING",
                Precinct = precinct, CreatedAt = now,
            });
        }
        db.Offices.AddRange(
            new Office { Level = OfficeLevel.Federal, Kind = OfficeKind.House, Name = "U.S. House, Washington 7th District", State = "WA", District = "07", CreatedAt = now },
            new Office { Level = OfficeLevel.Federal, Kind = OfficeKind.Senate, Name = "U.S. Senate, Washington", State = "WA", CreatedAt = now },
            new Office { Level = OfficeLevel.State, Kind = OfficeKind.StateHouse, Name = "Washington House, 43rd District, Position 1", State = "WA", District = "43", CreatedAt = now },
            new Office { Level = OfficeLevel.Federal, Kind = OfficeKind.House, Name = "U.S. House, California 11th District", State = "CA", District = "11", CreatedAt = now });
        // Washington's filing week is in May of even years; the next one after the database is made.
        var year = now.Year % 2 == 0 && now.Month < 5 ? now.Year : now.Year + (now.Year % 2 == 0 ? 2 : 1);
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        DateTimeOffset At(int day, int hour) => new(new DateTime(year, 5, day, hour, 0, 0), pacific.GetUtcOffset(new DateTime(year, 5, day, hour, 0, 0)));
        var monday = Enumerable.Range(1, 7).First(d => new DateTime(year, 5, d).DayOfWeek == DayOfWeek.Monday) + 7;
        foreach (var kind in new[] { OfficeKind.PrecinctCommitteeOfficer, OfficeKind.House, OfficeKind.StateHouse })
            db.FilingWindows.Add(new FilingWindow
            {
                State = "WA", Kind = kind, OpensAt = At(monday, 9).ToUniversalTime(), ClosesAt = At(monday + 4, 16).ToUniversalTime(), TimeZone = "America/Los_Angeles",
                Note = "Demo dates: file online with the Secretary of State or in person with the county elections office; check sos.wa.gov.",
            });
        await db.SaveChangesAsync(ct);

        var grace = await db.Users.Where(u => u.Email == DemoPeople.EmailOf(4)).Select(u => u.Id).SingleAsync(ct);
        var house = await db.Offices.Where(o => o.State == "CA" && o.Kind == OfficeKind.House).Select(o => o.Id).SingleAsync(ct);
        var (candidacy, _) = await nominating.NominateAsync(MemberPrincipal.Acting(grace), new NominationInput(house, true, null, null), ct);
        await nominating.EditAsync(MemberPrincipal.Acting(grace), candidacy!.Id,
            new ProfileInput("Grace Liu", "Designer and tenant organizer in the Mission. I run to make housing a right, and to take no corporate money."), ct);
    }
}
