using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Groups;

/// <summary>
/// Groups founded before names were compared by their look-alike skeleton get theirs at start
/// (SQL cannot compute it, so the migration leaves it empty). Runs before the site takes requests;
/// once every row has one, it costs one query. Two old groups whose names turn out to look alike
/// keep the first its skeleton; the other is logged for people to look at, not renamed.
/// </summary>
internal sealed class GroupNameSkeletons(IServiceScopeFactory scopes, ILogger<GroupNameSkeletons> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var skip = new HashSet<Guid>();
            while (true)
            {
                var batch = await db.Groups.Where(g => g.NameSkeleton == null && !skip.Contains(g.Id)).OrderBy(g => g.Id).Take(500).ToListAsync(ct);
                if (batch.Count == 0) break;
                foreach (var g in batch)
                {
                    g.NameSkeleton = Confusables.Skeleton(g.Name);
                    try { await db.SaveChangesAsync(ct); }
                    catch (DbUpdateException)
                    {
                        db.Entry(g).State = EntityState.Unchanged;
                        g.NameSkeleton = null;
                        skip.Add(g.Id);
                        log.LogWarning("Group {Id} ({Name}) looks like another group of its kind and place; its name is left for people to look at", g.Id, g.Name);
                    }
                }
                db.ChangeTracker.Clear();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not give older groups their name skeletons (are the migrations applied?)");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
