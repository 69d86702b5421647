namespace Grassroots.Ballots.Ranked;

/// <summary>
/// The piles of a ranked count: each distinct ballot sits on the pile of its current candidate (a linked list through
/// <see cref="_next"/>), so eliminating a candidate touches only that candidate's ballots. Values are whole votes, or
/// fixed-point with <see cref="Scale"/> for single transferable vote.
/// </summary>
internal sealed class Piles
{
    private readonly RankedBallots _ballots;
    private readonly int[] _position;
    private readonly int[] _next;
    private readonly int[] _head;
    private readonly long[] _weight;
    public readonly long[] Value;       // one paper's current value (scale × transfer values); a merged ballot counts weight × that
    public readonly long[] Votes;       // each candidate's pile total
    public readonly bool[] Continuing;
    public long Exhausted;

    public Piles(RankedBallots ballots, long scale = 1)
    {
        _ballots = ballots;
        var b = ballots.Count;
        _position = new int[b];
        _next = new int[b];
        _head = new int[ballots.Candidates];
        Array.Fill(_head, -1);
        _weight = ballots.Weights;
        Value = new long[b];
        Array.Fill(Value, scale);
        Votes = new long[ballots.Candidates];
        Continuing = new bool[ballots.Candidates];
        Array.Fill(Continuing, true);
        Exhausted = ballots.ExhaustedAtStart * scale;
    }

    public void PlaceAll()
    {
        for (var b = 0; b < _ballots.Count; b++)
        {
            _position[b] = _ballots.Starts[b];
            Place(b);
        }
    }

    /// <summary>Moves ballot b from its position to the first continuing candidate at or after it, or exhausts it.</summary>
    private void Place(int b)
    {
        var prefs = _ballots.Preferences;
        var end = _ballots.Starts[b + 1];
        var p = _position[b];
        var c = -1;
        for (; p < end; p++)
        {
            var m = prefs[p];
            if (m >= 0) { if (Continuing[m]) { c = m; break; } continue; }
            // An overvote read when reached: the one marked candidate still in, or nothing (pass), or several (exhaust).
            var (one, live) = (-1, 0);
            foreach (var x in _ballots.Groups[-1 - m]!) if (Continuing[x]) { one = x; live++; }
            if (live == 0) continue;
            if (live == 1) c = one;
            else p = end;
            break;
        }
        _position[b] = p;
        var value = checked(Value[b] * _weight[b]);
        if (c < 0) { Exhausted += value; return; }
        _next[b] = _head[c];
        _head[c] = b;
        Votes[c] += value;
    }

    /// <summary>
    /// Moves every ballot on c's pile to its next continuing choice. With a transfer value (numerator/denominator),
    /// each paper's value is first multiplied by it and truncated (paper by paper, as the Scottish rules do, so merging
    /// identical ballots changes nothing); what the values lost is returned.
    /// </summary>
    public long Transfer(int c, long numerator = 1, long denominator = 1)
    {
        var lost = 0L;
        var b = _head[c];
        _head[c] = -1;
        Votes[c] = 0;
        while (b >= 0)
        {
            var following = _next[b];
            if (numerator != denominator)
            {
                var scaled = (long)((Int128)Value[b] * numerator / denominator);
                lost += (Value[b] - scaled) * _weight[b];   // includes the part that stays with c as its quota; the caller subtracts it
                Value[b] = scaled;
            }
            _position[b]++;
            Place(b);
            b = following;
        }
        return lost;
    }
}
