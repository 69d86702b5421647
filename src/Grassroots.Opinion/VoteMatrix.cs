namespace Grassroots.Opinion;

/// <summary>
/// The participants × statements vote matrix in compressed sparse rows: row i is participant
/// <see cref="ParticipantIds"/>[i], column j statement <see cref="StatementIds"/>[j] (both ascending, so the result
/// does not depend on the order votes arrive in). A missing vote is no entry. Statements moderated out have no
/// column: Pol.is zeroes them for everyone, a constant column that is all zero once centred, so all that is kept of
/// them is how many there are (<see cref="ZeroedColumns"/>) and how many of them each participant had voted on
/// (<see cref="ZeroedVotesOf"/>), which Pol.is counts in the projection's scale and towards entering the clustering.
/// </summary>
/// <remarks>
/// Plain arrays rather than MathNet's SparseMatrix: a vote is one int here, its cell 3 × column + value + 1,
/// against 12 bytes there (int column, double value), which keeps 50M votes at 200 MB; and with only three values
/// per column, the centred product X^T X w becomes table look-ups by cell in one fused, parallel pass (see Pca),
/// which MathNet's sparse storage does not offer.
/// </remarks>
internal sealed class VoteMatrix
{
    public required int[] ParticipantIds { get; init; }
    public required int[] StatementIds { get; init; }
    /// <summary>Row i's votes are Cells[RowStart[i] .. RowStart[i+1]), columns ascending.</summary>
    public required long[] RowStart { get; init; }
    /// <summary>A vote as 3 × column + value + 1 (value -1, 0 or +1).</summary>
    public required int[] Cells { get; init; }
    /// <summary>Mean of each column over the votes cast on it (passes count as 0): Pol.is' mean imputation.</summary>
    public required double[] ColumnMeans { get; init; }
    /// <summary>Statements moderated out that had votes: the columns Pol.is would have zeroed for everyone.</summary>
    public required int ZeroedColumns { get; init; }
    /// <summary>Per row, how many statements now moderated out the participant had voted on.</summary>
    public required int[] ZeroedVotes { get; init; }

    public int RowCount => ParticipantIds.Length;
    public int ColumnCount => StatementIds.Length;
    public long VoteCount => RowStart[^1];
    public int VotesOf(int row) => (int)(RowStart[row + 1] - RowStart[row]);
    public int ZeroedVotesOf(int row) => ZeroedVotes[row];
    public static int ColumnOf(int cell) => cell / 3;
    public static int ValueOf(int cell) => cell % 3 - 1;

    private const int DirectLimit = 1 << 20;

    public static VoteMatrix Build(IEnumerable<Vote> votes, IReadOnlySet<int>? moderatedOut, CancellationToken ct)
    {
        // Pass 1: indices in order of first appearance; each vote packed as its row and (statement index << 2 | value + 1).
        var participantIndex = new Dictionary<int, int>();
        var statementIndex = new Dictionary<int, int>();
        var participantIds = new List<int>();
        var statementIds = new List<int>();
        var capacity = votes.TryGetNonEnumeratedCount(out var known) ? known : 1024;
        var rowsOf = new int[Math.Max(capacity, 16)];
        var packed = new int[rowsOf.Length];
        long count = 0;
        int lastParticipant = 0, lastRow = -1;   // votes mostly come participant by participant: skip the lookup then
        var direct = Array.Empty<int>();
        foreach (var vote in votes)
        {
            if ((count & 0xFFFFF) == 0) ct.ThrowIfCancellationRequested();
            int row;
            if (lastRow >= 0 && vote.Participant == lastParticipant) row = lastRow;
            else
            {
                if (!participantIndex.TryGetValue(vote.Participant, out row))
                {
                    row = participantIds.Count;
                    participantIndex.Add(vote.Participant, row);
                    participantIds.Add(vote.Participant);
                }
                lastParticipant = vote.Participant;
                lastRow = row;
            }
            // Statement ids are usually small numbers: an array finds them faster than the dictionary.
            int statement;
            if ((uint)vote.Statement < (uint)direct.Length && direct[vote.Statement] >= 0) statement = direct[vote.Statement];
            else if (!statementIndex.TryGetValue(vote.Statement, out statement))
            {
                statement = statementIds.Count;
                if (statement >= 1 << 28) throw new InvalidOperationException("More than 2^28 statements in one conversation.");
                statementIndex.Add(vote.Statement, statement);
                statementIds.Add(vote.Statement);
                if ((uint)vote.Statement < DirectLimit)
                {
                    if (vote.Statement >= direct.Length)
                    {
                        var old = direct.Length;
                        Array.Resize(ref direct, Math.Max(vote.Statement + 1, Math.Min(DirectLimit, 2 * old)));
                        Array.Fill(direct, -1, old, direct.Length - old);
                    }
                    direct[vote.Statement] = statement;
                }
            }
            if (count == rowsOf.Length)
            {
                var grown = (int)Math.Min(Array.MaxLength, (long)rowsOf.Length * 2);
                if (grown == rowsOf.Length) throw new InvalidOperationException("Too many votes for one conversation.");
                Array.Resize(ref rowsOf, grown);
                Array.Resize(ref packed, grown);
            }
            // Anything above 0 agrees, below 0 disagrees: a stray value is read by its sign, never an error.
            var value = vote.Value > 0 ? 2 : vote.Value < 0 ? 0 : 1;
            rowsOf[count] = row;
            packed[count] = statement << 2 | value;
            count++;
        }

        // Ids ascending. Statements moderated out get no column (-1); the rest are numbered in id order.
        var sortedParticipants = participantIds.ToArray();
        var participantRank = RankOf(sortedParticipants);
        var allStatements = statementIds.ToArray();
        var statementRank = RankOf(allStatements);
        var columnOfRank = new int[allStatements.Length];
        var columns = 0;
        for (var r = 0; r < allStatements.Length; r++)
            columnOfRank[r] = moderatedOut is not null && moderatedOut.Contains(allStatements[r]) ? -1 : columns++;
        var sortedStatements = allStatements.Where((_, r) => columnOfRank[r] >= 0).ToArray();
        var rows = sortedParticipants.Length;

        // Pass 2: a stable counting sort by row keeps each participant's votes in arrival order.
        var start = new long[rows + 1];
        for (long v = 0; v < count; v++) start[participantRank[rowsOf[v]] + 1]++;
        for (var i = 0; i < rows; i++) start[i + 1] += start[i];
        var next = (long[])start.Clone();
        var byRow = new int[count];
        for (long v = 0; v < count; v++)
        {
            var p = packed[v];
            byRow[next[participantRank[rowsOf[v]]]++] = statementRank[p >> 2] << 2 | (p & 3);
        }
        rowsOf = null!;
        packed = null!;
        ct.ThrowIfCancellationRequested();

        // Pass 3: per row keep the last vote on each statement (a later vote replaces an earlier one); set aside those
        // on statements moderated out, counting them; columns ascending; compacted in place (the write position never
        // passes the read position).
        var seenInRow = new int[allStatements.Length];
        Array.Fill(seenInRow, -1);
        var scratch = new List<int>();
        var rowStart = new long[rows + 1];
        var zeroedVotes = new int[rows];
        var zeroedColumns = new bool[allStatements.Length];
        long write = 0;
        for (var i = 0; i < rows; i++)
        {
            if ((i & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            scratch.Clear();
            for (var k = start[i + 1] - 1; k >= start[i]; k--)
            {
                var rank = byRow[k] >> 2;
                if (seenInRow[rank] == i) continue;
                seenInRow[rank] = i;
                var column = columnOfRank[rank];
                if (column < 0)
                {
                    zeroedVotes[i]++;
                    zeroedColumns[rank] = true;
                    continue;
                }
                scratch.Add(3 * column + (byRow[k] & 3));   // the cell: 3 × column + value + 1
            }
            scratch.Sort();
            rowStart[i] = write;
            foreach (var cell in scratch) byRow[write++] = cell;
        }
        rowStart[rows] = write;
        var cells = byRow;
        if (write < cells.Length) Array.Resize(ref cells, (int)write);

        var sums = new long[columns];
        var counts = new long[columns];
        foreach (var cell in cells)
        {
            sums[ColumnOf(cell)] += ValueOf(cell);
            counts[ColumnOf(cell)]++;
        }
        var means = new double[columns];
        for (var j = 0; j < columns; j++) means[j] = counts[j] == 0 ? 0 : (double)sums[j] / counts[j];

        return new VoteMatrix
        {
            ParticipantIds = sortedParticipants,
            StatementIds = sortedStatements,
            RowStart = rowStart,
            Cells = cells,
            ColumnMeans = means,
            ZeroedColumns = zeroedColumns.Count(z => z),
            ZeroedVotes = zeroedVotes,
        };
    }

    /// <summary>Sorts <paramref name="ids"/> in place and returns, for each original position, its sorted position.</summary>
    private static int[] RankOf(int[] ids)
    {
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(ids, order);
        var rank = new int[ids.Length];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        return rank;
    }
}
