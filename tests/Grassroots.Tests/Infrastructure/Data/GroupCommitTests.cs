using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure.Data;

/// <summary>
/// Writes committed together (SQLite) or one by one (PostgreSQL) behave the same for the caller:
/// an answer means committed, and a write that fails is undone alone.
/// </summary>
public abstract class GroupCommitTests(AppFactory app)
{
    [Fact]
    public async Task Parallel_writes_that_fail_are_undone_alone_and_every_answered_write_is_stored()
    {
        var run = Guid.NewGuid().ToString("N");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            try
            {
                return await sp.GetRequiredService<GroupCommit>().RunAsync(db, async (writer, ct) =>
                {
                    writer.AuditLog.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Action = "test.write", SubjectType = run, SubjectId = i.ToString() });
                    await writer.SaveChangesAsync(ct);
                    // Every third write fails after it has written: its row must not survive.
                    if (i % 3 == 0) throw new InvalidOperationException("refused");
                    return i;
                }, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                return -1;
            }
        })));

        var answered = outcomes.Where(o => o >= 0).Select(o => o.ToString()).Order().ToList();
        Assert.Equal(80, answered.Count);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog
            .Where(a => a.SubjectType == run).Select(a => a.SubjectId).ToListAsync());
        Assert.Equal(answered, stored.Order().ToList());
    }

    [Fact]
    public async Task Before_the_host_runs_the_writer_a_write_commits_on_its_own()
    {
        // E.g. the demo seed, which runs before the host starts its background services.
        var idle = new GroupCommit(app.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<GroupCommit>.Instance);
        var run = Guid.NewGuid().ToString("N");
        var written = await app.WithScopeAsync(sp => idle.RunAsync(sp.GetRequiredService<AppDbContext>(), async (db, ct) =>
        {
            db.AuditLog.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Action = "test.write", SubjectType = run, SubjectId = "early" });
            return await db.SaveChangesAsync(ct);
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, written);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditLog.AnyAsync(a => a.SubjectType == run)));
    }

    [Fact]
    public async Task A_write_that_breaks_a_unique_index_reports_it_to_its_caller_only()
    {
        var key = Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            try
            {
                return await sp.GetRequiredService<GroupCommit>().RunAsync(db, async (writer, ct) =>
                {
                    writer.Users.Add(new Grassroots.Features.Members.Member { Id = Guid.NewGuid(), UserName = key, NormalizedUserName = key.ToUpperInvariant(), DisplayName = "Same" });
                    await writer.SaveChangesAsync(ct);
                    return "stored";
                }, CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                // Told only after the batch committed: the write that won is there to be read.
                var kept = await app.WithScopeAsync(other => other.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.NormalizedUserName == key.ToUpperInvariant()));
                return kept == 1 ? "refused" : $"refused before the winner committed ({kept} stored)";
            }
        })));

        Assert.Single(results, r => r == "stored");
        Assert.Equal(39, results.Count(r => r == "refused"));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.NormalizedUserName == key.ToUpperInvariant())));
    }
}

public sealed class GroupCommitTests_Sqlite(SqliteApp app) : GroupCommitTests(app), IClassFixture<SqliteApp>;
public sealed class GroupCommitTests_Postgres(PostgresApp app) : GroupCommitTests(app), IClassFixture<PostgresApp>;
