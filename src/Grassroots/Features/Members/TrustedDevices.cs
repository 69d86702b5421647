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

    private sealed record Entry(Guid MemberId, string Nonce, DateTimeOffset Expires);

    /// <summary>This device's nonce for the member, when the token is genuine and names them.</summary>
    public string? NonceFor(string? token, Guid memberId) =>
        Read(token).FirstOrDefault(e => e.MemberId == memberId)?.Nonce;

    /// <summary>A new token for this device: the member with a fresh nonce, plus the other accounts it already knew.</summary>
    public string Remember(string? token, Guid memberId)
    {
        var entries = Read(token).Where(e => e.MemberId != memberId).Take(MaxAccounts - 1)
            .Prepend(new Entry(memberId, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)), clock.GetUtcNow() + Lifetime));
        return _protector.Protect(string.Join(";", entries.Select(e => $"{e.MemberId:N}:{e.Nonce}:{e.Expires.ToUnixTimeSeconds()}")));
    }

    public string? FromCookie(HttpRequest request) => request.Cookies[CookieName];

    /// <summary>After a successful sign-in in a browser.</summary>
    public void RememberInCookie(HttpContext http, Guid memberId) =>
        http.Response.Cookies.Append(CookieName, Remember(FromCookie(http.Request), memberId), new CookieOptions
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
            .Where(p => p.Length == 3 && Guid.TryParse(p[0], out _) && long.TryParse(p[2], out _))
            .Select(p => new Entry(Guid.Parse(p[0]), p[1], DateTimeOffset.FromUnixTimeSeconds(long.Parse(p[2]))))
            .Where(e => e.Expires > now).ToList();
    }
}
