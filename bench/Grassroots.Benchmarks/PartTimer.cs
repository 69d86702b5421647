using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grassroots.Benchmarks;

/// <summary>
/// Times each SQL statement a call sends, from execute to the reader's close (so reading the rows counts), so a
/// search can be measured part by part (the page's keys, its rows, its count) through the feature's own code.
/// </summary>
public sealed class PartTimer : DbCommandInterceptor
{
    public static readonly PartTimer Instance = new();
    private readonly Dictionary<DbCommand, long> _started = [];
    public List<(string Sql, double Ms)>? Recording { get; set; }

    private void Start(DbCommand command) { if (Recording is not null) _started[command] = Stopwatch.GetTimestamp(); }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Start(command); return ValueTask.FromResult(result); }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Start(command); return ValueTask.FromResult(result); }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    { Stop(command); return ValueTask.FromResult(result); }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    { Stop(command); return result; }

    private void Stop(DbCommand command)
    {
        if (Recording is null || !_started.Remove(command, out var t)) return;
        Recording.Add((command.CommandText, Stopwatch.GetElapsedTime(t).TotalMilliseconds));
    }
}
