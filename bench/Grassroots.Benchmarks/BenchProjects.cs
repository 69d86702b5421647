using Grassroots.Features.Members;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Benchmarks;

/// <summary>100,000 projects with one open need each (10% online), added to the bench database through EF.</summary>
public static class BenchProjects
{
    public const int Projects = 100_000;

    private static readonly string[] Verbs = ["Organize", "Build", "Launch", "Film", "Print", "Map", "Fund", "Translate", "Design", "Host"];
    private static readonly string[] Things = ["a voter registration drive", "a phone bank", "a town hall", "a canvass", "an app for volunteers",
        "a mural", "a food pantry", "a legal clinic", "a debate watch party", "a bilingual flyer", "a rally", "a climate teach-in"];
    private static readonly string[] Places = ["downtown", "on campus", "for the neighborhood", "in the county", "across the state", "online"];

    public static async Task EnsureAsync(string provider, ZipCodes zips)
    {
        await BenchDatabase.EnsureAsync(provider, zips);
        await using (var db = BenchDatabase.Open(provider))
        {
            await db.Database.MigrateAsync();
            if (await db.Projects.CountAsync() >= Projects) return;
        }
        Console.WriteLine($"Seeding {provider}: {Projects:N0} projects with one open need each …");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var rng = new Random(11);
        var places = zips.All.ToArray();
        var skills = Catalog.Skills.Keys.ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < Projects; start += 5_000)
        {
            await using var db = BenchDatabase.Open(provider);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(Projects, start + 5_000); i++)
            {
                var online = i % 10 == 0;
                var p = places[rng.Next(places.Length)];
                var title = $"{Verbs[rng.Next(Verbs.Length)]} {Things[rng.Next(Things.Length)]} {Places[rng.Next(Places.Length)]} {i}";
                var project = new Project
                {
                    Slug = $"p-{i}", Title = title, Goal = $"Help {p.City} take part: {Things[i % Things.Length]}.", Description = $"Volunteers in {p.City}, {p.State}.",
                    Status = ProjectStatus.Active, Online = online, Zip = online ? null : p.Zip, City = online ? null : p.City, State = online ? null : p.State,
                    Latitude = online ? null : p.Latitude, Longitude = online ? null : p.Longitude, RadiusMiles = online ? null : 25,
                    FounderId = BenchDatabase.FounderId, CreatedAt = now.AddMinutes(-i),
                    Needs = [new Need { Kind = NeedKind.People, Title = "Volunteers", Skill = skills[rng.Next(skills.Length)], Quantity = 5, CreatedAt = now }],
                };
                db.Projects.Add(project);
                db.ProjectOwners.Add(new ProjectOwner { ProjectId = project.Id, MemberId = BenchDatabase.FounderId, AddedAt = now });
            }
            await db.SaveChangesAsync();
        }
        await using (var db = BenchDatabase.Open(provider))
            await db.Database.ExecuteSqlRawAsync(provider == "Postgres" ? "VACUUM ANALYZE" : "ANALYZE");
        Console.WriteLine($"Seeded projects in {sw.Elapsed.TotalSeconds:N0} s");
    }
}
