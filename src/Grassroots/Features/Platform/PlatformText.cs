using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Grassroots.Features.Platform;

/// <summary>How a piece of text changed: kept, put in, taken out.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DiffKind>))]
public enum DiffKind { Same = 0, Inserted = 1, Deleted = 2 }

public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// The word-level text work of drafting, on DiffPlex: the diff shown under an amendment, the passage it touches
/// (so overlapping amendments are seen to conflict), and the three-way merge that folds several accepted
/// amendments of one plank into the next version. Pure functions, no database.
/// </summary>
public static partial class PlatformText
{
    /// <summary>Words and the spaces between them as pieces of their own, so the pieces join back into the exact text.</summary>
    private sealed partial class WordsAndSpaces : IChunker
    {
        public static readonly WordsAndSpaces Instance = new();
        public IReadOnlyList<string> Chunk(string text) => Pieces().Matches(text).Select(m => m.Value).ToArray();

        [GeneratedRegex(@"\s+|[^\s]+")]
        private static partial Regex Pieces();
    }

    /// <summary>
    /// For the diff shown to readers: words, the punctuation beside them and spaces as pieces of their own, so "días" and
    /// "días." differ by the full stop alone. A word keeps its inner apostrophes, hyphens and digit groups ("don't",
    /// "energy-efficient", "1,000") and a leading currency sign ("$15"). Merges and passages keep whole words.
    /// </summary>
    private sealed partial class WordsPunctuationAndSpaces : IChunker
    {
        public static readonly WordsPunctuationAndSpaces Instance = new();
        public IReadOnlyList<string> Chunk(string text) => Pieces().Matches(text).Select(m => m.Value).ToArray();

        [GeneratedRegex(@"\s+|\p{Sc}?[\w]+(?:['’.,\-][\w]+)*%?|[^\w\s]")]
        private static partial Regex Pieces();
    }

    /// <summary>Below this share of the longer text's words kept, a word diff is a salad: the old and new text are shown whole.</summary>
    public const double WholeTextBelowKept = 0.5;

    /// <summary>Line endings differ by browser (CRLF from forms): compared texts use \n.</summary>
    public static string Normalize(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>, word by word; when most words changed, the old
    /// text taken out whole and the new one put in whole (see <see cref="IsWhole"/>). The pieces join back into both texts.
    /// </summary>
    public static IReadOnlyList<DiffPiece> Diff(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(Normalize(before), Normalize(after), false, false, WordsPunctuationAndSpaces.Instance);
        var pieces = new List<DiffPiece>();
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(pieces, DiffKind.Same, result.PiecesOld, a, block.DeleteStartA - a);
            Add(pieces, DiffKind.Deleted, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(pieces, DiffKind.Inserted, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
        }
        Add(pieces, DiffKind.Same, result.PiecesOld, a, result.PiecesOld.Count - a);
        static int WordsIn(IEnumerable<string> chunks) => chunks.Count(c => c.Any(char.IsLetterOrDigit));
        var kept = pieces.Where(p => p.Kind == DiffKind.Same).Sum(p => WordsIn(WordsPunctuationAndSpaces.Instance.Chunk(p.Text)));
        var longer = Math.Max(WordsIn(result.PiecesOld), WordsIn(result.PiecesNew));
        if (kept < longer * WholeTextBelowKept && result.PiecesOld.Count > 0 && result.PiecesNew.Count > 0)
            return [new DiffPiece(DiffKind.Deleted, Normalize(before)), new DiffPiece(DiffKind.Inserted, Normalize(after))];
        return pieces;
    }

    /// <summary>Whether a diff is a whole text replaced by another, to be shown as two blocks rather than inline.</summary>
    public static bool IsWhole(IReadOnlyList<DiffPiece> diff) =>
        diff.Count == 2 && diff[0].Kind == DiffKind.Deleted && diff[1].Kind == DiffKind.Inserted;

    /// <summary>A new plank written as "### Title" then its text: its title and text (the title empty without that first line).</summary>
    public static (string Title, string Body) NewPlank(string text)
    {
        text = Normalize(text);
        if (!text.StartsWith("### ", StringComparison.Ordinal)) return ("", text);
        var end = text.IndexOf('\n');
        return end < 0 ? (text[4..].Trim(), text[4..].Trim()) : (text[4..end].Trim(), text[(end + 1)..].Trim());
    }

    /// <summary>A new plank as a reader sees it: its title on a line of its own above its text, no Markdown heading marks.</summary>
    public static string NewPlankAsRead(string text)
    {
        var (title, body) = NewPlank(text);
        return title.Length == 0 || title == body ? body : title + "\n\n" + body;
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, IReadOnlyList<string> from, int start, int count)
    {
        if (count <= 0) return;
        var text = string.Concat(from.Skip(start).Take(count));
        if (pieces.Count > 0 && pieces[^1].Kind == kind) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        else pieces.Add(new DiffPiece(kind, text));
    }

    /// <summary>
    /// The passage of <paramref name="before"/> an edit touches, as [from, to) in its pieces (words and spaces);
    /// an insertion between two words is the empty passage at that point. (0, 0) when nothing changed.
    /// </summary>
    public static (int From, int To) Passage(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(Normalize(before), Normalize(after), false, false, WordsAndSpaces.Instance);
        if (result.DiffBlocks.Count == 0) return (0, 0);
        var first = result.DiffBlocks[0];
        var last = result.DiffBlocks[^1];
        return (first.DeleteStartA, last.DeleteStartA + last.DeleteCountA);
    }

    /// <summary>Whether two passages of one text overlap: two insertions at one point do too (which goes first is a choice).</summary>
    public static bool Overlap((int From, int To) a, (int From, int To) b) =>
        a.From == b.From || (a.From < b.To && b.From < a.To);

    /// <summary>
    /// Folds several edits of one text into one (DiffPlex's three-way merge, edit by edit against the common base).
    /// Null when two of them change the same words differently: a facilitator must reject or ask for a revision.
    /// </summary>
    public static string? Merge(string @base, IEnumerable<string> edits)
    {
        var merged = Normalize(@base);
        var origin = merged;
        foreach (var edit in edits)
        {
            var result = ThreeWayDiffer.Instance.CreateMerge(origin, merged, Normalize(edit), false, false, WordsAndSpaces.Instance);
            if (!result.IsSuccessful) return null;
            merged = string.Concat(result.MergedPieces);
        }
        return merged;
    }

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
