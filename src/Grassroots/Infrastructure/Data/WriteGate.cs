namespace Grassroots.Infrastructure.Data;

/// <summary>
/// SQLite lets one writer in at a time and makes the others poll the lock, sleeping between tries:
/// under a burst of writes the lock sits free while the waiters sleep. Hot write paths queue here
/// instead, so the next writer starts the moment the last one commits. PostgreSQL runs writers in
/// parallel, so there the gate lets everyone through. Use it around a whole transaction, in a
/// using block, so it is always released.
/// </summary>
public sealed class WriteGate(AppDbContext db, SqliteWriteLock sqlite)
{
    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (db.IsPostgres) return Open.Instance;
        await sqlite.Semaphore.WaitAsync(ct);
        return new Release(sqlite.Semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) semaphore.Release();
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();
        public void Dispose() { }
    }
}

/// <summary>The process's one SQLite write lock (a singleton; the gate above is scoped with its context).</summary>
public sealed class SqliteWriteLock
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);
}
