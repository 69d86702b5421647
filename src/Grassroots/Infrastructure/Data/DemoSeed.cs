using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>One feature's part of the demo movement (its people, groups, projects), run in <see cref="Order"/>.</summary>
public interface IDemoSeedStep
{
    int Order { get; }
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// A small demo movement for an empty database, so a first visitor sees how it works. Each feature
/// seeds its own part through the same rules its forms use; turn it off with Database:SeedDemo=false.
/// </summary>
public sealed class DemoSeed(IEnumerable<IDemoSeedStep> steps, ILogger<DemoSeed> log)
{
    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct) => !await db.Users.AnyAsync(ct);

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var step in steps.OrderBy(s => s.Order)) await step.RunAsync(ct);
        log.LogInformation("Seeded a demo movement");
    }
}
