using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grassroots.Infrastructure.Web;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Sign-up, sign-in, confirmation and reset attempts on one account from one address (or from one known device) per minute.</summary>
    public int AuthPerAccountPerMinute { get; set; } = 10;
    /// <summary>
    /// All such attempts from one address per minute: a ceiling generous enough for a convention
    /// hall behind one public address (500 delegates signing in within the minute a session opens).
    /// Guessing one account's password stays at <see cref="AuthPerAccountPerMinute"/>.
    /// </summary>
    public int AuthPerAddressPerMinute { get; set; } = 600;
    /// <summary>API writes (POST, PUT, DELETE) per caller per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;
    /// <summary>
    /// Writes without an account (a guest's RSVP, a cancel link) per address per minute, API and page forms: enough
    /// for a room of guests behind one address, too few to fill an event's places or mail a list of strangers.
    /// </summary>
    public int AnonymousWritesPerMinute { get; set; } = 20;
    /// <summary>
    /// Large uploads read on the request (a Pol.is export: up to a million votes, a second or so of CPU each) per member
    /// per hour, checks included: the imports-per-day cap counts only what is saved.
    /// </summary>
    public int UploadsPerHour { get; set; } = 30;
}

/// <summary>
/// Sign-up, sign-in, confirmation and reset attempts, counted by the use cases once they know the
/// account (the email typed, or the account a link names): per account and address, under a
/// ceiling per address, so one person cannot hammer one account and a room of people sharing an
/// address is not locked out. A device the account already knows (its signed device cookie or
/// token) has a budget of its own instead, so what strangers do from its address cannot stop it.
/// Page views are not attempts: only the use cases count.
/// </summary>
public sealed class AuthAttempts : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly PartitionedRateLimiter<string> _perAddress;

    public AuthAttempts(TimeProvider clock, IOptions<RateLimitOptions> options)
    {
        var (perAccount, perAddress) = (options.Value.AuthPerAccountPerMinute, options.Value.AuthPerAddressPerMinute);
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, _ => new TokenBucket(clock, perAccount)));
        _perAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, _ => new TokenBucket(clock, perAddress)));
    }

    /// <summary>True when this address may make one more attempt on this account (and one more at all).</summary>
    public bool Allow(HttpContext http, string? account)
    {
        var target = (account ?? "").Trim().ToUpperInvariant();
        if (target.Length > 320) target = target[..320]; // an address is at most 254 characters; the key stays small
        var address = ClientAddress.Of(http);
        using var one = _perAccount.AttemptAcquire("account|" + address + "|" + target);
        if (!one.IsAcquired) return false;
        using var any = _perAddress.AttemptAcquire(address);
        return any.IsAcquired;
    }

    /// <summary>An attempt that names no account (asking for passkey options, refreshing a token): the address's ceiling only.</summary>
    public bool AllowFromAddress(HttpContext http)
    {
        using var any = _perAddress.AttemptAcquire(ClientAddress.Of(http));
        return any.IsAcquired;
    }

    /// <summary>
    /// An attempt from a device the account knows (<paramref name="device"/>: its entry's random
    /// nonce): as many per minute as one account from one address, whoever else shares the address.
    /// </summary>
    public bool AllowKnownDevice(string device)
    {
        using var lease = _perAccount.AttemptAcquire("device|" + device);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _perAccount.Dispose();
        _perAddress.Dispose();
    }
}

/// <summary>The caller's address, as the forwarded-headers middleware left it (only configured proxies are believed).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>
/// A token bucket on the app's <see cref="TimeProvider"/> (the framework's limiters keep their own
/// clock, so a test could not show ten minutes of a crowded room). Holds <c>perMinute</c> permits and
/// refills at that rate; never queues.
/// </summary>
internal sealed class TokenBucket(TimeProvider clock, int perMinute) : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, perMinute);
    private double _tokens = Math.Max(1, perMinute);
    private DateTimeOffset _refilledAt = clock.GetUtcNow();
    private DateTimeOffset? _fullSince = clock.GetUtcNow();

    public override TimeSpan? IdleDuration
    {
        get { lock (_gate) { Refill(); return _fullSince is { } since ? clock.GetUtcNow() - since : null; } }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                if (permitCount > 0) _fullSince = null;
                return Lease.Granted;
            }
            var wait = TimeSpan.FromMinutes((permitCount - _tokens) / _capacity);
            return new Lease(false, wait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        var now = clock.GetUtcNow();
        var elapsed = now - _refilledAt;
        if (elapsed <= TimeSpan.Zero) return;
        _tokens = Math.Min(_capacity, _tokens + elapsed.TotalMinutes * _capacity);
        _refilledAt = now;
        if (_tokens >= _capacity) _fullSince ??= now;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
