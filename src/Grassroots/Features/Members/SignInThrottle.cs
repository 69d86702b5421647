using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Members;

/// <summary>
/// Failed password counts, after OWASP's "device cookies": failures from devices unknown to an
/// account share one count per address typed (whether or not it has an account, so a pause says
/// nothing about who is a member); each known device has a count of its own. Five failures
/// (Identity's lockout settings) pause that one group for 15 minutes; a known device and a passkey
/// keep working, so a stranger cannot lock the owner out.
/// Kept in memory: per instance and forgotten on restart, like the rate limits; nothing about the
/// addresses people try is written to disk.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<IdentityOptions> identity) : IDisposable
{
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 500_000 });
    private readonly Lock _gate = new();

    private sealed class Count
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset? PausedUntil;
    }

    public static string UnknownDevices(string normalizedEmail) => "email:" + normalizedEmail;
    public static string Device(string nonce) => "device:" + nonce;

    private int MaxFailures => identity.Value.Lockout.MaxFailedAccessAttempts;
    private TimeSpan Pause => identity.Value.Lockout.DefaultLockoutTimeSpan;

    public bool IsPaused(string key)
    {
        lock (_gate)
            return _counts.TryGetValue(key, out Count? c) && c!.PausedUntil > clock.GetUtcNow();
    }

    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_counts.TryGetValue(key, out Count? c) || now - c!.LastFailure > Pause || c.PausedUntil <= now)
            {
                // Failures older than a pause are forgotten, and a pause that ended starts a new count.
                c = new Count();
                _counts.Set(key, c, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Pause * 2 });
            }
            c.Failures++;
            c.LastFailure = now;
            if (c.Failures >= MaxFailures) c.PausedUntil = now + Pause;
        }
    }

    /// <summary>A correct password (while not paused), or a reset that proved the mailbox.</summary>
    public void Clear(string key)
    {
        lock (_gate) _counts.Remove(key);
    }

    public void Dispose() => _counts.Dispose();
}
