using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// Runs short write transactions for the busiest writes (pledges now; RSVPs and ballots later).
///
/// SQLite takes one writer at a time, and under a burst its writers sleep on the lock, commit one
/// by one, and re-read their pages after every other connection's commit. Here one connection does
/// the writing: it takes the queued writes in arrival order, runs each inside a savepoint of one
/// transaction (a write that fails is undone alone), commits the batch once, and only then answers
/// each caller — so a success still means committed. Its pages stay in its cache between batches.
///
/// PostgreSQL runs writers in parallel, so there each write is its own transaction on the caller's
/// context, as it would be without this class. Either way the work must not begin or commit
/// transactions itself: returning commits it, throwing undoes it.
/// </summary>
public sealed class GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> log) : BackgroundService
{
    private const int MaxBatch = 64;
    private readonly Channel<Write> queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    // Before the host starts (migrations, the demo seed, a one-off command) nobody reads the queue.
    private volatile bool running;

    /// <param name="hotRow">
    /// The writes all hold one row (a motion's board): batched on PostgreSQL too, so the row is locked once a batch
    /// instead of once a write, and the lock is not held across a client's round trips for every ballot.
    /// </param>
    public async Task<T> RunAsync<T>(AppDbContext db, Func<AppDbContext, CancellationToken, Task<T>> work, CancellationToken ct, bool hotRow = false)
    {
        if ((!db.IsPostgres || hotRow) && running)
        {
            var write = new Write(async (writer, token) => await work(writer, token), ct, System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
            if (queue.Writer.TryWrite(write)) return (T)(await write.Done.Task.WaitAsync(ct))!;
            // Shutting down: the queue is closed, so write the way everyone else does.
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var result = await work(db, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        running = true;
        var batch = new List<Write>(MaxBatch);
        var answers = new List<(Write Write, object? Result, Exception? Error)>(MaxBatch);
        AsyncServiceScope? scope = null;
        try
        {
            // Not cancelled by stoppingToken: on shutdown the queue is closed and what is in it is still written.
            while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var w))
                    if (!w.Caller.IsCancellationRequested) batch.Add(w);
                    else w.Done.TrySetCanceled(w.Caller);
                if (batch.Count == 0) continue;

                scope ??= scopes.CreateAsyncScope();
                var db = scope.Value.ServiceProvider.GetRequiredService<AppDbContext>();
                answers.Clear();
                try
                {
                    await WriteBatchAsync(db, batch, answers);
                    // Only now, after the commit, does anyone hear back, the refused too: a caller
                    // who then reads (e.g. "which pledge did my retried key make?") sees the batch.
                    foreach (var (write, result, error) in answers)
                        if (error is null) write.Done.TrySetResult(result);
                        else if (error is OperationCanceledException) write.Done.TrySetCanceled(write.Caller);
                        else write.Done.TrySetException(error);
                }
                catch (Exception e)
                {
                    // The transaction itself failed (disk full, I/O error, a broken connection): none
                    // of the batch was written. Every caller still waiting hears so; the next batch
                    // starts on a fresh context.
                    log.LogError(e, "A batch of {Count} writes failed to commit", batch.Count);
                    foreach (var write in batch) write.Done.TrySetException(e);
                    await scope.Value.DisposeAsync();
                    scope = null;
                }
            }
        }
        finally
        {
            if (scope is { } s) await s.DisposeAsync();
        }
    }

    private static async Task WriteBatchAsync(AppDbContext db, List<Write> batch, List<(Write, object?, Exception?)> answers)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        db.Database.AutoSavepointsEnabled = false;
        foreach (var write in batch)
        {
            await tx.CreateSavepointAsync("w", CancellationToken.None);
            try
            {
                // Each write runs in its caller's language: a refusal it words is read by that caller.
                System.Globalization.CultureInfo.CurrentCulture = write.Culture;
                System.Globalization.CultureInfo.CurrentUICulture = write.UICulture;
                var result = await write.Work(db, write.Caller);
                await tx.ReleaseSavepointAsync("w", CancellationToken.None);
                answers.Add((write, result, null));
            }
            catch (Exception e)
            {
                await tx.RollbackToSavepointAsync("w", CancellationToken.None);
                answers.Add((write, null, e));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        await tx.CommitAsync(CancellationToken.None);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private sealed record Write(Func<AppDbContext, CancellationToken, Task<object?>> Work, CancellationToken Caller, System.Globalization.CultureInfo Culture,
        System.Globalization.CultureInfo UICulture)
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
