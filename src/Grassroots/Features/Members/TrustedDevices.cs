using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Grassroots.Features.Members;

/// <summary>
/// The devices a member signed in on (OWASP's "device cookies"): a browser keeps a signed cookie
/// naming the accounts that signed in on it (an API client keeps the device token its login
/// returned). Each entry carries a random nonce, so each known device has its own failure count
/// in <see cref="SignInThrottle"/>.
/// </summary>
public sealed class TrustedDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "grassroots.device";
    private const int MaxAccounts = 5;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector _protector = protection.CreateProtector("Grassroots.Members.TrustedDevices.v1");

    /// <param name="Password">A short digest of the member's password hash when the device was remembered:
    /// a new password (a reset after a break-in) makes every device unknown again.</param>
    private sealed record Entry(Guid MemberId, string Nonce, DateTimeOffset Expires, string Password);

    private static string PasswordTag(Member member) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(member.PasswordHash ?? "")))[..12];

    /// <summary>This device's nonce for the member, when the token is genuine, names them, and was given under their current password.</summary>
    public string? NonceFor(string? token, Member member) =>
        Read(token).FirstOrDefault(e => e.MemberId == member.Id && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(e.Password), System.Text.Encoding.ASCII.GetBytes(PasswordTag(member))))?.Nonce;

    /// <summary>A new token for this device: the member with a fresh nonce, plus the other accounts it already knew.</summary>
    public string Remember(string? token, Member member)
    {
        var entries = Read(token).Where(e => e.MemberId != member.Id).Take(MaxAccounts - 1)
            .Prepend(new Entry(member.Id, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)), clock.GetUtcNow() + Lifetime, PasswordTag(member)));
        return _protector.Protect(string.Join(";", entries.Select(e => $"{e.MemberId:N}:{e.Nonce}:{e.Expires.ToUnixTimeSeconds()}:{e.Password}")));
    }

    public string? FromCookie(HttpRequest request) => request.Cookies[CookieName];

    /// <summary>After a successful sign-in in a browser.</summary>
    public void RememberInCookie(HttpContext http, Member member) =>
        http.Response.Cookies.Append(CookieName, Remember(FromCookie(http.Request), member), new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/",
            IsEssential = true, Expires = clock.GetUtcNow() + Lifetime,
        });

    private IEnumerable<Entry> Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4000) return [];
        string text;
        try { text = _protector.Unprotect(token); }
        catch (CryptographicException) { return []; } // forged, or from keys we no longer have
        var now = clock.GetUtcNow();
        return text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split(':'))
            .Where(p => p.Length == 4 && Guid.TryParse(p[0], out _) && long.TryParse(p[2], out _))
            .Select(p => new Entry(Guid.Parse(p[0]), p[1], DateTimeOffset.FromUnixTimeSeconds(long.Parse(p[2])), p[3]))
            .Where(e => e.Expires > now).ToList();
    }
}
