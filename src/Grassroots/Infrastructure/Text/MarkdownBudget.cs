namespace Grassroots.Infrastructure.Text;

/// <summary>
/// Markdig takes quadratic time on inputs nobody writes by hand: thousands of unclosed links ("[a](") or emphasis
/// runs ("*a **b") in one paragraph cost seconds, quotes nested thousands deep cost seconds and then throw. A text
/// over this budget is not parsed as Markdown: it is shown as plain text (and the platform's import says why).
/// Per block, because inline parsing is per paragraph, heading or list item, and a long text of ordinary paragraphs
/// is fine.
/// </summary>
public static class MarkdownBudget
{
    /// <summary>"[" in one paragraph, heading or list item (32 links).</summary>
    public const int MaxBracketsPerBlock = 64;

    /// <summary>"*", "_" and "~" in one paragraph, heading or list item.</summary>
    public const int MaxDelimitersPerBlock = 256;

    /// <summary>Quote and list markers at the start of one line.</summary>
    public const int MaxDepth = 32;

    public static bool Affordable(ReadOnlySpan<char> text)
    {
        int brackets = 0, delimiters = 0;
        foreach (var line in text.EnumerateLines())
        {
            var start = line.TrimStart();
            if (start.IsEmpty || StartsBlock(start)) (brackets, delimiters) = (0, 0);
            if (Depth(start) > MaxDepth) return false;
            foreach (var c in line)
            {
                if (c == '[') brackets++;
                else if (c is '*' or '_' or '~') delimiters++;
            }
            if (brackets > MaxBracketsPerBlock || delimiters > MaxDelimitersPerBlock) return false;
        }
        return true;
    }

    /// <summary>Whether any line nests quotes or lists deeper than <see cref="MaxDepth"/> (what block parsing alone costs).</summary>
    public static bool TooDeep(ReadOnlySpan<char> text)
    {
        foreach (var line in text.EnumerateLines())
            if (Depth(line.TrimStart()) > MaxDepth) return true;
        return false;
    }

    // A heading, a quote, or a list item starts a new block of inlines.
    private static bool StartsBlock(ReadOnlySpan<char> line) =>
        line[0] is '#' or '>' || (line.Length > 1 && line[0] is '-' or '+' or '*' && line[1] == ' ') || (char.IsAsciiDigit(line[0]) && line.IndexOfAny('.', ')') is > 0 and < 10);

    private static int Depth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '>' || (c is '-' or '+' or '*' && i + 1 < line.Length && line[i + 1] == ' ')) depth++;
            else if (c != ' ' && c != '\t') break;
        }
        return depth;
    }

    /// <summary>The text as plain paragraphs, encoded: what is shown when Markdown would cost too much.</summary>
    public static string PlainHtml(string text) =>
        string.Concat(text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>") + "</p>"));
}
