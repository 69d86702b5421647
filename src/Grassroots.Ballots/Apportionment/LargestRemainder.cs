using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Grassroots.Ballots.Apportionment;

/// <summary>
/// Seats shared out in proportion to weights (a group's members) by the largest remainder method with the Hare
/// quota (Hamilton's method, which the US House used from 1850): each gets the whole part of
/// <c>seats × weight ÷ total</c>, and the seats left over go, one each, to the largest fractional parts. Equal
/// remainders go to the larger weight, then by lot: SHA-256(seed ‖ index), lowest first, so anyone with the
/// published table and seed draws the same. All arithmetic is on integers: no rounding decides a seat.
/// Every share is its quota rounded down or up (the quota rule), and the shares add up to <c>seats</c>.
/// </summary>
public static class LargestRemainder
{
    public const int MaxSeats = 100_000;
    public const long MaxTotalWeight = 1_000_000_000;

    public static int[] Allocate(int seats, IReadOnlyList<long> weights, ReadOnlySpan<byte> seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seats, MaxSeats);
        long total = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(weights));
            total += w;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(total, MaxTotalWeight, nameof(weights));
        }
        var shares = new int[weights.Count];
        if (total == 0 || seats == 0) return shares;

        // seats × weight ≤ 1e5 × 1e9 fits a long: the whole part and the remainder (over the common denominator total) are exact.
        var remainders = new long[weights.Count];
        var given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = seats * weights[i];
            shares[i] = (int)(product / total);
            remainders[i] = product % total;
            given += shares[i];
        }
        var draws = Draws(weights.Count, seed);
        var order = Enumerable.Range(0, weights.Count).Where(i => weights[i] > 0)
            .OrderByDescending(i => remainders[i]).ThenByDescending(i => weights[i]).ThenBy(i => draws[i], StringComparer.Ordinal);
        foreach (var i in order.Take(seats - given)) shares[i]++;
        return shares;
    }

    private static string[] Draws(int count, ReadOnlySpan<byte> seed)
    {
        var draws = new string[count];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(seed.Length), i);
            draws[i] = Convert.ToHexString(SHA256.HashData(input));
        }
        return draws;
    }
}
