using Microsoft.Extensions.Options;

namespace Grassroots.Features.Members;

public sealed class AccountOptions
{
    public const string Section = "Accounts";
    /// <summary>
    /// Sign-up, "forgot my password" and "send a new link" answer no sooner than this, whether or
    /// not the address has an account. Well above what the slower path takes (an outbox row and a
    /// commit: ~9 ms against ~4 ms when there is no account), so neither shows through.
    /// </summary>
    public TimeSpan MinimumAnswerTime { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// At most one account email of a kind (confirmation link, reset link, "someone tried to sign up
    /// with your address") per account in this time, whoever asks and from wherever: the forms answer
    /// alike either way, so they cannot be used to flood someone's inbox. 0 turns it off.
    /// </summary>
    public TimeSpan AccountMailInterval { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Runs a use case whose answer must not tell whether an address has an account, and answers no
/// sooner than <see cref="AccountOptions.MinimumAnswerTime"/> after it began: the path with an account
/// writes mail and the other writes nothing, and the difference would otherwise show in the time.
/// </summary>
public sealed class AlikeInTime(TimeProvider clock, IOptions<AccountOptions> options)
{
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var result = await work();
        // A timer may fire a little early (by a tick of the system clock): wait again for what is left.
        for (var left = Left(); left > TimeSpan.Zero; left = Left()) await Task.Delay(left, clock, ct);
        return result;

        TimeSpan Left() => options.Value.MinimumAnswerTime - clock.GetElapsedTime(started);
    }

    public Task RunAsync(Func<Task> work, CancellationToken ct) => RunAsync(async () => { await work(); return true; }, ct);
}
