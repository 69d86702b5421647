using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Grassroots.Ballots.Ranked;

/// <summary>
/// Ties the earlier rounds can't settle are settled by lot, and the lot must be one anyone can redraw: each tied
/// candidate's draw is SHA-256(seed ‖ round ‖ candidate), and the lowest draw is chosen. The seed is the count's
/// public input (a motion's bulletin-board head, known only once voting closed; a BLT file's own bytes), so nobody
/// can steer the lot before the ballots are in, and everyone who recounts draws the same.
/// </summary>
internal static class Lot
{
    public static int Draw(IReadOnlyList<int> tied, ReadOnlySpan<byte> seed, int round)
    {
        Span<byte> input = stackalloc byte[seed.Length + 8];
        seed.CopyTo(input);
        Span<byte> hash = stackalloc byte[32];
        int best = -1;
        Span<byte> bestHash = stackalloc byte[32];
        foreach (var c in tied)
        {
            BinaryPrimitives.WriteInt32BigEndian(input[seed.Length..], round);
            BinaryPrimitives.WriteInt32BigEndian(input[(seed.Length + 4)..], c);
            SHA256.HashData(input, hash);
            if (best < 0 || hash.SequenceCompareTo(bestHash) < 0) { best = c; hash.CopyTo(bestHash); }
        }
        return best;
    }

    /// <summary>
    /// Among <paramref name="tied"/>, the one with the fewest votes (or the most, when <paramref name="lowest"/> is
    /// false) in the latest earlier round where they differed; when they were equal in every round, by lot.
    /// </summary>
    public static (int Chosen, TieBreak How) Settle(IReadOnlyList<int> tied, IReadOnlyList<long[]> earlier, bool lowest, ReadOnlySpan<byte> seed, int round)
    {
        if (tied.Count == 1) return (tied[0], TieBreak.None);
        var left = tied.ToList();
        for (var r = earlier.Count - 1; r >= 0 && left.Count > 1; r--)
        {
            var votes = earlier[r];
            var pick = lowest ? left.Min(c => votes[c]) : left.Max(c => votes[c]);
            var narrowed = left.Where(c => votes[c] == pick).ToList();
            if (narrowed.Count < left.Count) left = narrowed;
        }
        return left.Count == 1 ? (left[0], TieBreak.EarlierRound) : (Draw(left, seed, round), TieBreak.Lot);
    }
}
