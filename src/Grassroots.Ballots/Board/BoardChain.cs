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
        Span<byte> hash = stackalloc byte[32];
        Link(previous, sequence, tracker, replaces, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The link's hash into <paramref name="hash"/>, built in a stack buffer: verifying a million entries is this a million times.</summary>
    private static void Link(ReadOnlySpan<char> previous, long sequence, ReadOnlySpan<char> tracker, ReadOnlySpan<char> replaces, Span<byte> hash)
    {
        var length = Prefix.Length + (previous.Length + tracker.Length + replaces.Length) * 3 + 24;
        var rented = length > 1024 ? new byte[length] : null;
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        var n = 0;
        Prefix.CopyTo(buffer); n += Prefix.Length;
        n += Encoding.UTF8.GetBytes(previous, buffer[n..]); buffer[n++] = (byte)'\n';
        sequence.TryFormat(buffer[n..], out var written, default, CultureInfo.InvariantCulture); n += written; buffer[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(tracker, buffer[n..]); buffer[n++] = (byte)'\n';
        n += Encoding.UTF8.GetBytes(replaces, buffer[n..]);
        SHA256.HashData(buffer[..n], hash);
    }

    private static ReadOnlySpan<byte> Prefix => "grassroots-board/v1\n"u8;

    /// <summary>
    /// Checks a board from its genesis: sequences 1, 2, 3…; each hash links to the one before; each replaced tracker
    /// was cast earlier and not already replaced; no tracker twice. The first problem found, or null; and the head.
    /// </summary>
    public static (string? Problem, string Head) Verify(string motion, IEnumerable<BoardEntry> entries)
    {
        var list = entries as IReadOnlyList<BoardEntry> ?? entries.ToList();
        var genesis = Genesis(motion);
        // The order of the board (sequences, trackers, replacements) is checked on one thread while the links are
        // hashed on the others: each link is checked against the hash published before it, so the links are
        // independent (SHA-256 costs about half a microsecond a call here: a million in one thread is the budget).
        var structure = Task.Run(() => Structure(list));
        var firstBroken = long.MaxValue;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, list.Count, Math.Max(4096, list.Count / (Environment.ProcessorCount * 4) + 1)), range =>
        {
            Span<byte> hash = stackalloc byte[32];
            Span<char> hex = stackalloc char[64];
            for (var i = range.Item1; i < range.Item2 && i < Interlocked.Read(ref firstBroken); i++)
            {
                var e = list[i];
                Link(i == 0 ? genesis : list[i - 1].Hash, e.Sequence, e.Tracker, e.Replaces, hash);
                Convert.TryToHexStringLower(hash, hex, out _);
                if (hex.SequenceEqual(e.Hash)) continue;
                long seen;
                do seen = Interlocked.Read(ref firstBroken); while (i < seen && Interlocked.CompareExchange(ref firstBroken, i, seen) != seen);
                break;
            }
        });
        var (at, kind) = structure.GetAwaiter().GetResult();

        // The first problem in board order; at one entry, a gap in the sequence is said before a broken link, and a
        // broken link before a repeated or wrongly replaced tracker (the order the entry is read in).
        if (at == long.MaxValue && firstBroken == long.MaxValue) return (null, list.Count == 0 ? genesis : list[^1].Hash);
        if (at < firstBroken || (at == firstBroken && kind == Problem.Gap))
        {
            var e = list[(int)at];
            var before = at == 0 ? genesis : list[(int)at - 1].Hash;
            return (kind switch
            {
                Problem.Gap => $"Entry {at + 1} is missing: the board goes on with entry {e.Sequence}.",
                Problem.Repeat => $"Entry {e.Sequence} repeats tracker {e.Tracker}.",
                _ => $"Entry {e.Sequence} replaces a ballot that was not on the board before it, or was already replaced.",
            }, before);
        }
        var broken = list[(int)firstBroken];
        return ($"Entry {broken.Sequence}'s hash does not follow from the entries before it: the board was changed at or before this entry.",
            firstBroken == 0 ? genesis : list[(int)firstBroken - 1].Hash);
    }

    private enum Problem { None, Gap, Repeat, Replace }

    /// <summary>The first entry whose place on the board is wrong: sequences 1, 2, 3…; no tracker twice; each replaced tracker cast earlier and replaced once.</summary>
    private static (long At, Problem Kind) Structure(IReadOnlyList<BoardEntry> list)
    {
        // Ordinal's hash is randomized per process: a hostile file can't pile its trackers into one bucket.
        var trackers = new HashSet<string>(list.Count, StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if (e.Sequence != i + 1) return (i, Problem.Gap);
            if (!trackers.Add(e.Tracker)) return (i, Problem.Repeat);
            if (e.Replaces is not null && (!trackers.Contains(e.Replaces) || !replaced.Add(e.Replaces))) return (i, Problem.Replace);
        }
        return (long.MaxValue, Problem.None);
    }

    private static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
