using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Projects;

/// <summary>The demo movement's projects, launched by demo people for groups they belong to, through <see cref="Launching"/> as a founder's form is.</summary>
internal sealed class DemoProjects(AppDbContext db, Launching launching) : IDemoSeedStep
{
    private static readonly (string Title, string Goal, string Description, string? Zip, int Founder, string? Group, NeedInput[] Needs)[] Projects =
    [
        ("Community mural on Spring Garden", "Paint a mural with the neighbors about what healthcare for all would mean here.",
            "We have the wall (thanks, Joe's Hardware!). We need painters of any level, paint and ladders.", "19107", 0, "Philadelphia Chapter",
            [new() { Kind = NeedKind.People, Title = "Painters", Skill = "design", Quantity = 6 },
             new() { Kind = NeedKind.Money, Title = "Paint and brushes", Quantity = 30_000 },
             new() { Kind = NeedKind.Thing, Title = "Ladders", Quantity = 3 }]),
        ("Phone bank for Medicare for All", "Call 5,000 voters before the town hall and invite them to come.",
            "Two-hour shifts from home; we train you on the first call.", null, 6, "Nurses for Medicare for All",
            [new() { Kind = NeedKind.People, Title = "Callers", Skill = "phone-banking", Quantity = 20, AutoAccept = true },
             new() { Kind = NeedKind.Hours, Title = "Calling hours", Quantity = 200, AllowOverfill = true, AutoAccept = true }]),
        ("Event sign-in app", "A free app so chapters stop copying sign-in sheets by hand.",
            "Open source; a weekend hackathon to get it started.", null, 1, "Coders for the Movement",
            [new() { Kind = NeedKind.People, Title = "Developers", Skill = "software", Quantity = 3 },
             new() { Kind = NeedKind.Venue, Title = "A room for the hackathon", Quantity = 1 }]),
    ];

    public int Order => 20;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var p in Projects)
        {
            var email = DemoPeople.EmailOf(p.Founder);
            var founder = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(ct);
            var groupId = p.Group is null ? null : await db.Groups.Where(g => g.Name == p.Group).Select(g => (Guid?)g.Id).SingleAsync(ct);
            var input = new ProjectInput { Title = p.Title, Goal = p.Goal, Description = p.Description, Zip = p.Zip, Online = p.Zip is null, GroupId = groupId, Needs = [.. p.Needs] };
            var (project, outcome) = await launching.LaunchAsync(MemberPrincipal.Acting(founder), input, ct);
            if (project is null)
                throw new InvalidOperationException("Demo project is invalid: " + string.Join("; ", outcome.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [outcome.Detail ?? ""]));
        }
    }
}
