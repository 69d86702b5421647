using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Grassroots.Ballots.Board;

/// <summary>
/// One entry of a motion's bulletin board: a ballot's tracker, and when it is a re-vote, the tracker it replaces.
/// <see cref="Hash"/> commits to the entry and to the hash before it, so the board is a chain: changing, removing,
/// inserting or reordering any entry changes every hash after it, and anyone holding an earlier head sees it.
/// </summary>
public sealed record BoardEntry(long Sequence, string Tracker, string? Replaces, string Hash);

public static class BoardChain
{
    /// <summary>The hash before the first entry: it names the motion, so no two boards share a chain.</summary>
    public static string Genesis(string motion) => Sha($"grassroots-board/v1\n{motion}");

    /// <summary>SHA-256 of "grassroots-board/v1\n{previous}\n{sequence}\n{tracker}\n{replaces}" (UTF-8), in lowercase hex.</summary>
    public static string Link(string previous, long sequence, string tracker, string? replaces)
    {
        // Built in a stack buffer, not an interpolated string: verifying a million entries is this, a million times.
        var length = Prefix.Length + Encoding.UTF8.GetMaxByteCount(previous.Length + tracker.Length + (replaces?.Length ?? 0)) + 24;
        var rented = length > 1024 ? new byte[length] : null;
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        var n = 0;
        Prefix.CopyTo(buffer); n += Prefix.Length;
        n += Encoding.UTF8.GetBytes(previous, buffer[n..]); buffer[n++] = (byte)'\n';
        sequence.TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture); n += written; buffer[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(tracker, buffer[n..]); buffer[n++] = (byte)'\n';
        if (replaces is not null) n += Encoding.UTF8.GetBytes(replaces, buffer[n..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..n], hash);
        return Convert.ToHexStringLower(hash);
    }

    private static ReadOnlySpan<byte> Prefix => "grassroots-board/v1\n"u8;

    /// <summary>
    /// Checks a board from its genesis: sequences 1, 2, 3…; each hash links to the one before; each replaced tracker
    /// was cast earlier and not already replaced; no tracker twice. The first problem found, or null; and the head.
    /// </summary>
    public static (string? Problem, string Head) Verify(string motion, IEnumerable<BoardEntry> entries)
    {
        var previous = Genesis(motion);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        long expected = 1;
        foreach (var e in entries)
        {
            if (e.Sequence != expected) return ($"Entry {expected} is missing: the board goes on with entry {e.Sequence}.", previous);
            var hash = Link(previous, e.Sequence, e.Tracker, e.Replaces);
            if (!string.Equals(hash, e.Hash, StringComparison.Ordinal)) return ($"Entry {e.Sequence}'s hash does not follow from the entries before it: the board was changed at or before this entry.", previous);
            if (!seen.Add(e.Tracker)) return ($"Entry {e.Sequence} repeats tracker {e.Tracker}.", previous);
            if (e.Replaces is not null && (!seen.Contains(e.Replaces) || !replaced.Add(e.Replaces)))
                return ($"Entry {e.Sequence} replaces a ballot that was not on the board before it, or was already replaced.", previous);
            previous = hash;
            expected++;
        }
        return (null, previous);
    }

    private static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
