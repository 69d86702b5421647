using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

/// <summary>The demo movement's groups, founded by the demo people under the same rules as a founder's form.</summary>
internal sealed class DemoGroups(AppDbContext db, ZipCodes zips, UserText text, TimeProvider clock, FluentValidation.IValidator<GroupInput> validator) : IDemoSeedStep
{
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

    public int Order => 10;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var emails = Enumerable.Range(0, DemoPeople.Count).Select(DemoPeople.EmailOf).ToList();
        var people = (await db.Users.Where(u => emails.Contains(u.Email!)).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
            .OrderBy(u => emails.IndexOf(u.Email!)).Select(u => u.Id).ToList();
        foreach (var g in Groups)
        {
            var input = new GroupInput { Name = g.Name, Kind = g.Kind, Zip = g.Zip, Description = g.Description };
            var validation = await validator.ValidateAsync(input, ct);
            if (!validation.IsValid) throw new InvalidOperationException("Demo group is invalid: " + validation);
            var group = GroupRules.Build(input, zips, text);
            group.FounderId = people[g.Founder];
            group.CreatedAt = now;
            db.Groups.Add(group);
            var joined = people.Where((_, i) => i == g.Founder || (i + g.Name.Length) % 3 == 0).ToList();
            foreach (var m in joined)
                db.Memberships.Add(new Membership { GroupId = group.Id, MemberId = m, Role = m == people[g.Founder] ? GroupRole.Organizer : GroupRole.Member, JoinedAt = now });
            group.MemberCount = joined.Count;
        }
        await db.SaveChangesAsync(ct);
    }
}
