using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;

namespace Grassroots.Features.Members;

/// <summary>
/// The demo movement's people. They have no password and never signed in: they cannot act (nor be
/// drawn for a jury); they make the directory and the projects look like a movement.
/// </summary>
internal sealed class DemoPeople(AppDbContext db, ZipCodes zips, TimeProvider clock) : IDemoSeedStep
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

    public const int Count = 8;

    /// <summary>The address of demo person <paramref name="index"/> (0-based), by which other features' demo steps find them.</summary>
    public static string EmailOf(int index) => $"demo{index + 1}@demo.grassroots.local";

    public int Order => 0;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.Users.AddRange(People.Select((p, i) =>
        {
            var place = zips.Find(p.Zip)!;
            var email = EmailOf(i);
            return new Member
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString(), DisplayName = p.Name,
                Zip = place.Zip, City = place.City, State = place.State, Latitude = place.Latitude, Longitude = place.Longitude,
                Skills = [.. p.Skills], Issues = [.. p.Issues], OpenToAsks = true, ShowSkills = true, CreatedAt = now,
            };
        }));
        await db.SaveChangesAsync(ct);
    }
}
