using CsCheck;
using Grassroots.Accounting.Ledger;

namespace Grassroots.Tests.Accounting;

public class JournalTests
{
    [Fact]
    public void An_entry_balances_or_says_why_not()
    {
        Assert.Null(JournalEntry.Transfer("donor-payments", "fund:pool", 2700).Problem());
        Assert.Contains("differ", new JournalEntry([new("a", Side.Debit, 100), new("b", Side.Credit, 99)]).Problem());
        Assert.Contains("two lines", new JournalEntry([new("a", Side.Debit, 100)]).Problem());
        Assert.Contains("positive", new JournalEntry([new("a", Side.Debit, 0), new("b", Side.Credit, 0)]).Problem());
        Assert.Contains("account", new JournalEntry([new(" ", Side.Debit, 5), new("b", Side.Credit, 5)]).Problem());
    }

    [Fact]
    public void A_reversal_undoes_an_entry_and_balances_too()
    {
        var gift = new JournalEntry([new("processor", Side.Debit, 2700), new("candidate:a", Side.Credit, 900), new("candidate:b", Side.Credit, 1800)]);
        var refund = gift.Reversal();
        Assert.Null(refund.Problem());
        Assert.All(Balances.Of([gift, refund]).Values, b => Assert.Equal(0, b));
    }

    private static readonly Gen<JournalEntry> Entries =
        Gen.Select(Gen.Long[1, 1_000_000], Gen.Int[0, 5], Gen.Int[1, 4]).Select((cents, from, n) =>
        {
            var to = Grassroots.Accounting.Splits.CentSplit.Equally(cents, n);
            var lines = new List<JournalLine> { new($"acct{from}", Side.Credit, cents) };
            lines.AddRange(to.Select((c, i) => new JournalLine($"acct{(from + i + 1) % 6}", Side.Debit, c)).Where(l => l.Cents > 0));
            return new JournalEntry(lines);
        });

    [Fact]
    public void Any_sequence_of_balanced_entries_leaves_balances_that_sum_to_zero() =>
        Entries.List[0, 200].Sample(entries => entries.All(e => e.Problem() is null) && Balances.Of(entries).Values.Sum() == 0);
}
