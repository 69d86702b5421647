using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Data;

/// <summary>
/// Serializes check-then-write use cases on a row: inside a transaction, writing a column to itself
/// locks the rows on PostgreSQL and takes the write lock on SQLite, so a second caller waits and then
/// reads what the first committed.
/// </summary>
public static class RowLocks
{
    public static Task LockAsync<T, TColumn>(this IQueryable<T> rows, Expression<Func<T, TColumn>> column, CancellationToken ct) where T : class =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(column, column), ct);
}
