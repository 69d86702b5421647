using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Platform;

/// <summary>
/// How many members the movement has (confirmed, not deleted), read at most every few minutes: the ballot
/// threshold is a share of it, and a co-signature must not count a million rows.
/// </summary>
public sealed class MovementSize(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Members, DateTimeOffset At)? _last;

    public async Task<long> MembersAsync(CancellationToken ct)
    {
        if (_last is { } known && clock.GetUtcNow() - known.At < Fresh) return known.Members;
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is { } again && clock.GetUtcNow() - again.At < Fresh) return again.Members;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var members = await db.Users.LongCountAsync(u => u.DeletedAt == null && u.EmailConfirmed, ct);
            _last = (members, clock.GetUtcNow());
            return members;
        }
        finally { _gate.Release(); }
    }
}
