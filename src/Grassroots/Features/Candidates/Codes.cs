using System.Security.Cryptography;
using System.Text;
using Grassroots.Features.Convention;

namespace Grassroots.Features.Candidates;

/// <summary>District codes as they are compared: one line, trimmed, upper case ("king " and "King" are one county).</summary>
public static class Codes
{
    public static string? Of(string? s) =>
        ConventionText.Line(s) is { Length: > 0 } line ? line.ToUpperInvariant() : null;

    /// <summary>An email as one address: trimmed and lower case, hashed (the nomination keeps no address).</summary>
    public static string EmailHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A link's secret: 32 random bytes, URL-safe.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
