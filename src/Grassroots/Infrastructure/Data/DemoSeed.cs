using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// A small demo movement for an empty database, so a first visitor sees how it works. The demo
/// members have no password (they cannot sign in); turn it off with Database:SeedDemo=false.
/// </summary>
public sealed class DemoSeed(AppDbContext db, ZipCodes zips, UserText text, TimeProvider clock, Launching launching, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, ILogger<DemoSeed> log)
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

    private static readonly (string Title, string Goal, string Description, string? Zip, int Founder, string? Group, NeedInput[] Needs)[] Projects =
    [
        ("Community mural on Spring Garden", "Paint a mural with the neighbors about what healthcare for all would mean here.",
            "We have the wall (thanks, Joe's Hardware!). We need painters of any level, paint and ladders.", "19107", 0, "Philadelphia Chapter",
            [new() { Kind = NeedKind.People, Title = "Painters", Skill = "design", Quantity = 6 },
             new() { Kind = NeedKind.Money, Title = "Paint and brushes", Quantity = 30_000 },
             new() { Kind = NeedKind.Thing, Title = "Ladders", Quantity = 3 }]),
        ("Phone bank for Medicare for All", "Call 5,000 voters before the town hall and invite them to come.",
            "Two-hour shifts from home; we train you on the first call.", null, 5, "Nurses for Medicare for All",
            [new() { Kind = NeedKind.People, Title = "Callers", Skill = "phone-banking", Quantity = 20, AutoAccept = true },
             new() { Kind = NeedKind.Hours, Title = "Calling hours", Quantity = 200, AllowOverfill = true, AutoAccept = true }]),
        ("Event sign-in app", "A free app so chapters stop copying sign-in sheets by hand.",
            "Open source; a weekend hackathon to get it started.", null, 1, "Coders for the Movement",
            [new() { Kind = NeedKind.People, Title = "Developers", Skill = "software", Quantity = 3 },
             new() { Kind = NeedKind.Venue, Title = "A room for the hackathon", Quantity = 1 }]),
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

        // Projects too, launched the way a founder launches one, so /projects has something to pledge to.
        foreach (var p in Projects)
        {
            var groupId = p.Group is null ? null : await db.Groups.Where(g => g.Name == p.Group).Select(g => (Guid?)g.Id).SingleAsync(ct);
            var input = new ProjectInput { Title = p.Title, Goal = p.Goal, Description = p.Description, Zip = p.Zip, Online = p.Zip is null, GroupId = groupId, Needs = [.. p.Needs] };
            var (project, outcome) = await launching.LaunchAsync(members[p.Founder].Id, input, ct);
            if (project is null) throw new InvalidOperationException("Demo project is invalid: " + string.Join("; ", outcome.Errors!.ToDictionary().SelectMany(e => e.Value)));
        }
        log.LogInformation("Seeded a demo movement: {Members} members, {Groups} groups, {Projects} projects", members.Count, Groups.Length, Projects.Length);
    }
}
