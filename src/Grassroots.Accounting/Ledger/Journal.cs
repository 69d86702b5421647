namespace Grassroots.Accounting.Ledger;

public enum Side { Debit = 0, Credit = 1 }

/// <summary>One line of a journal entry: an account, a side and a positive amount in cents.</summary>
public sealed record JournalLine(string Account, Side Side, long Cents);

/// <summary>
/// A movement of money: two or more lines whose debits equal their credits. Entries are never changed once written;
/// a refund or a correction is a new entry, often the <see cref="Reversal"/> of an earlier one.
/// </summary>
public sealed record JournalEntry(IReadOnlyList<JournalLine> Lines)
{
    public const int MaxAccountLength = 80;

    public long Debits => Lines.Where(l => l.Side == Side.Debit).Sum(l => l.Cents);
    public long Credits => Lines.Where(l => l.Side == Side.Credit).Sum(l => l.Cents);

    /// <summary>Why the entry can't be written, or null: at least two lines, each a named account and a positive amount, debits equal to credits.</summary>
    public string? Problem()
    {
        if (Lines.Count < 2) return "An entry has at least two lines.";
        foreach (var l in Lines)
        {
            if (string.IsNullOrWhiteSpace(l.Account) || l.Account.Length > MaxAccountLength) return "Every line names an account.";
            if (l.Cents <= 0) return "Every line moves a positive amount.";
            if (l.Cents > Amounts.Cents.Max * 1000) return "A line moves more than the ledger takes.";
        }
        return Debits == Credits ? null : $"Debits ({Debits}) and credits ({Credits}) differ.";
    }

    /// <summary>The entry that undoes this one: the same lines on the other side.</summary>
    public JournalEntry Reversal() => new(Lines.Select(l => l with { Side = l.Side == Side.Debit ? Side.Credit : Side.Debit }).ToList());

    /// <summary>Money from <paramref name="from"/> to <paramref name="to"/>: the simplest balanced entry (debit the receiver, credit the giver).</summary>
    public static JournalEntry Transfer(string from, string to, long cents) =>
        new([new JournalLine(to, Side.Debit, cents), new JournalLine(from, Side.Credit, cents)]);
}

/// <summary>Balances derived from entries, never stored apart from them: debits minus credits per account.</summary>
public static class Balances
{
    public static Dictionary<string, long> Of(IEnumerable<JournalEntry> entries)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in entries.SelectMany(e => e.Lines))
            balances[line.Account] = balances.GetValueOrDefault(line.Account) + (line.Side == Side.Debit ? line.Cents : -line.Cents);
        return balances;
    }
}
