using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Members;

public enum SignInOutcome { SignedIn, WrongCredentials, NotConfirmed, Paused, TooManyAttempts }

/// <summary>
/// Checks an email and password the same way for the sign-in page and the API, so that the answer
/// and the time it takes say nothing about whether the address has an account: an unknown address
/// is checked against a stand-in hash, the password is checked before "confirmed" is looked at
/// (only someone who knows the password learns that an account awaits confirmation), and failures
/// are counted per address typed and per known device (<see cref="SignInThrottle"/>). Attempts are
/// limited the same way (<see cref="AuthAttempts"/>): a device the account knows has budgets of its
/// own, so neither strangers' failures nor strangers' attempts from its address stop its owner.
/// </summary>
public sealed class SigningIn(UserManager<Member> users, SignInThrottle throttle, TrustedDevices devices, StandInHash standIn, AuthAttempts attempts)
{
    /// <summary>Always false, after the same work as checking a real password.</summary>
    private bool CheckStandIn(string password)
    {
        users.PasswordHasher.VerifyHashedPassword(new Member(), standIn.Value, password);
        return false;
    }

    public async Task<(SignInOutcome Outcome, Member? Member)> CheckPasswordAsync(HttpContext http, string email, string password, string? deviceToken)
    {
        var member = await users.FindByEmailAsync(email.Trim());
        if (member?.DeletedAt is not null) member = null;

        // A known device has its own count; one that failed too often counts as unknown again.
        var nonce = member is null ? null : devices.NonceFor(deviceToken, member);
        if (nonce is not null && throttle.IsPaused(SignInThrottle.Device(nonce))) nonce = null;
        if (!(nonce is not null ? attempts.AllowKnownDevice(nonce) : attempts.Allow(http, email))) return (SignInOutcome.TooManyAttempts, null);
        var key = nonce is not null ? SignInThrottle.Device(nonce) : SignInThrottle.UnknownDevices(users.NormalizeEmail(email.Trim()));
        if (throttle.IsPaused(key)) return (SignInOutcome.Paused, null);

        // An unconfirmed account is answered as an unknown one, whatever the password: its password is
        // chosen on the confirmation link, so one sent with the sign-up proves nothing, and "confirm
        // first" would tell whoever registered a stranger's address (with a password of their own)
        // that the address had no account before.
        var correct = member is { PasswordHash: not null, EmailConfirmed: true } ? await users.CheckPasswordAsync(member, password) : CheckStandIn(password);
        if (!correct)
        {
            throttle.Failed(key);
            return (SignInOutcome.WrongCredentials, null);
        }
        // Identity's own lockout is set only on deleted accounts (already excluded); kept as a backstop.
        if (await users.IsLockedOutAsync(member!)) return (SignInOutcome.WrongCredentials, null);
        throttle.Clear(key);
        return (SignInOutcome.SignedIn, member!);
    }
}

/// <summary>
/// A hash of a random password made with the app's own hasher settings, so that checking a
/// password for an address without an account costs what checking a real one costs (~85 ms at
/// Identity's 100,000 iterations, against ~3 ms for a lookup alone). Made once per app.
/// </summary>
public sealed class StandInHash(IOptions<PasswordHasherOptions> options)
{
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<Member>(options).HashPassword(new Member(), Guid.NewGuid().ToString()));
    public string Value => _hash.Value;
}

public static class SignInMessages
{
    /// <summary>What a refused sign-in is told, on the page and in the API alike.</summary>
    public static string Explain(SignInOutcome outcome, Microsoft.Extensions.Localization.IStringLocalizer l) => outcome switch
    {
        SignInOutcome.Paused => l["Too many failed sign-ins for this address from devices it has not used before: they are paused for 15 minutes. Sign in on a device you used before, with a passkey, or reset your password."],
        SignInOutcome.NotConfirmed => l["Confirm your email address first: open the link we sent you, or ask for a new one below."],
        _ => l["That email and password don't match an account. Check both, or reset your password. Just joined? Open the link we emailed you first."],
    };
}
