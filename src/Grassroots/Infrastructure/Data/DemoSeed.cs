using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// A small demo movement for an empty database, so a first visitor sees how it works. The demo
/// members have no password (they cannot sign in); turn it off with Database:SeedDemo=false.
/// </summary>
public sealed class DemoSeed(AppDbContext db, ZipCodes zips, UserText text, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, ILogger<DemoSeed> log)
{
    private static readonly (string Name, string Zip, string[] Skills, string[] Issues)[] People =
    [
        ("Rosa Martínez", "19107", ["organizing", "translation"], ["healthcare", "minimum-wage"]),
        ("Marcus Green", "19104", ["software", "data"], ["student-debt"]),
        ("Aisha Khan", "10027", ["video", "social-media"], ["climate"]),
        ("Tom Novak", "53703", ["canvassing", "driving"], ["trade", "labor"]),
        ("Grace Liu", "94110", ["design", "writing"], ["housing", "climate"]),
        ("Daniel Brooks", "60615", ["phone-banking", "public-speaking"], ["policing", "voting-rights"]),
        ("Elena Vargas", "78702", ["fundraising", "event-hosting"], ["immigration", "healthcare"]),
        ("Sam Whitfield", "05401", ["legal"], ["money-in-politics", "wall-street"]),
    ];

    private static readonly (string Name, GroupKind Kind, string? Zip, int Founder, string Description)[] Groups =
    [
        ("Millennials for Progress", GroupKind.Constituency, null, 1, "Young voters organizing for a **livable future**: student debt, wages, climate."),
        ("Philadelphia Chapter", GroupKind.Chapter, "19107", 0, "Philly's local chapter. House parties, canvasses and a monthly meeting in Center City."),
        ("Nurses for Medicare for All", GroupKind.Constituency, null, 6, "Health workers for single-payer healthcare."),
        ("Coders for the Movement", GroupKind.Issue, null, 1, "Volunteer developers building free tools for organizers. Bring your skills!"),
        ("Brooklyn & Harlem Organizers", GroupKind.Chapter, "10027", 2, "Uptown and Brooklyn volunteers: phone banks every Tuesday."),
        ("Madison Chapter", GroupKind.Chapter, "53703", 3, "Wisconsin's capital organizes: canvassing, potlucks, precinct work."),
        ("Bay Area Climate Action", GroupKind.Issue, "94110", 4, "Climate justice in the Bay Area."),
        ("Chicago South Side Chapter", GroupKind.Chapter, "60615", 5, "Neighbors organizing on the South Side."),
        ("Austin Chapter", GroupKind.Chapter, "78702", 6, "Keep Austin organizing. Bilingual meetings: English y español."),
        ("Vermont Chapter", GroupKind.Chapter, "05401", 7, "Where it started. Burlington and beyond."),
    ];

    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct) =>
        !await db.Users.AnyAsync(ct) && !await db.Groups.AnyAsync(ct);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = People.Select((p, i) =>
        {
            var place = zips.Find(p.Zip)!;
            var email = $"demo{i + 1}@demo.grassroots.local";
            return new Member
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString(), DisplayName = p.Name,
                Zip = place.Zip, City = place.City, State = place.State, Latitude = place.Latitude, Longitude = place.Longitude,
                Skills = [.. p.Skills], Issues = [.. p.Issues], OpenToAsks = true, ShowSkills = true, CreatedAt = now,
            };
        }).ToList();
        db.Users.AddRange(members);
        foreach (var g in Groups)
        {
            // The same rules as a founder's form: place key, radius, sanitized description.
            var (group, errors) = GroupRules.Validate(new GroupInput { Name = g.Name, Kind = g.Kind, Zip = g.Zip, Description = g.Description }, zips, text, l);
            if (group is null) throw new InvalidOperationException("Demo group is invalid: " + string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
            group.FounderId = members[g.Founder].Id;
            group.CreatedAt = now;
            db.Groups.Add(group);
            var joined = members.Where((m, i) => i == g.Founder || (i + g.Name.Length) % 3 == 0).ToList();
            foreach (var m in joined)
                db.Memberships.Add(new Membership { GroupId = group.Id, MemberId = m.Id, Role = m == members[g.Founder] ? GroupRole.Organizer : GroupRole.Member, JoinedAt = now });
            group.MemberCount = joined.Count;
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded a demo movement: {Members} members, {Groups} groups", members.Count, Groups.Length);
    }
}
