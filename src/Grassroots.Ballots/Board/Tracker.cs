using System.Security.Cryptography;
using System.Text;

namespace Grassroots.Ballots.Board;

/// <summary>
/// A ballot's tracker: SHA-256 of "grassroots-ballot/v1", the motion, the canonical choices and a random nonce, in
/// lowercase hex. The voter keeps it as a receipt; after voting closes the board publishes each tracker with its
/// choices and nonce, so anyone can recompute it and see that the choices are the ones the tracker committed to.
/// </summary>
public static class Tracker
{
    public const int NonceBytes = 16;

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceBytes));

    public static string Compute(string motion, string choices, string nonce) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"grassroots-ballot/v1\n{motion}\n{choices}\n{nonce}")));

    /// <summary>A tracker as people read it aloud: groups of four.</summary>
    public static string Grouped(string tracker) =>
        string.Join(' ', Enumerable.Range(0, (tracker.Length + 3) / 4).Select(i => tracker.Substring(i * 4, Math.Min(4, tracker.Length - i * 4))));
}
