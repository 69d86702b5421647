using System.Buffers;
using Markdig;
using Markdig.Syntax;

namespace Grassroots.Infrastructure.Text;

/// <summary>
/// Markdig takes quadratic time on inputs nobody writes by hand: thousands of unclosed links ("[a](") or emphasis
/// runs ("*a **b") in one paragraph cost seconds, quotes or lists nested thousands deep cost seconds and then throw.
/// A text over this budget is not parsed as Markdown: it is shown as plain text (and the platform's import says why).
/// The budget is per paragraph, heading or list item as Markdig's own block parser finds them (cheap, linear): inline
/// parsing is per block, and a long text of ordinary paragraphs is fine. Guessing blocks from line starts was wrong:
/// "#x", "2. " after a paragraph and a quote's next "&gt;" line continue the paragraph, and reset a line-based count.
/// </summary>
public static class MarkdownBudget
{
    /// <summary>"[" in one paragraph, heading or list item (32 links).</summary>
    public const int MaxBracketsPerBlock = 64;

    /// <summary>Emphasis delimiters ("*", "_", "~", "^", "+", "=") in one paragraph, heading or list item.</summary>
    public const int MaxDelimitersPerBlock = 256;

    /// <summary>Quote and list markers at the start of one line.</summary>
    public const int MaxDepth = 32;

    /// <summary>Markdig's block parsers alone (the ones the site's renderer uses), with each block's place in the text.</summary>
    public static MarkdownPipeline BlockPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UseListExtras();
        builder.InlineParsers.Clear();
        return builder.Build();
    }

    private static readonly MarkdownPipeline Blocks = BlockPipeline();

    // Emphasis as Markdig reads it with the emphasis extras the site uses: "*", "_", and "~", "^", "+", "=" (strike and
    // subscript, superscript, inserted, marked). Counting only "*_~" let a paragraph of "^a " through (0.35 s a plank).
    private static readonly SearchValues<char> Delimiters = SearchValues.Create("*_~^+=");

    public static bool Affordable(string text)
    {
        if (TooDeepLine(text) || Parse(text) is not { } document) return false;
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            // Code is not parsed for inlines; the rest (paragraphs, headings) is, one block at a time.
            if (leaf is CodeBlock || leaf.Span.Start < 0 || leaf.Span.Start >= text.Length) continue;
            int brackets = 0, count = 0;
            foreach (var c in text.AsSpan(leaf.Span.Start, Math.Min(leaf.Span.Length, text.Length - leaf.Span.Start)))
            {
                if (c == '[') brackets++;
                else if (Delimiters.Contains(c)) count++;
            }
            if (brackets > MaxBracketsPerBlock || count > MaxDelimitersPerBlock) return false;
        }
        return true;
    }

    /// <summary>
    /// Whether the text nests quotes or lists deeper than Markdig takes (it throws) or than <see cref="MaxDepth"/> on one
    /// line (what block parsing alone costs): lists nested by indentation, one level a line, reach Markdig's limit too.
    /// </summary>
    public static bool TooDeep(string text) => TooDeepLine(text) || Parse(text) is null;

    private static MarkdownDocument? Parse(string text)
    {
        try { return Markdown.Parse(text, Blocks); }
        catch (ArgumentException) { return null; } // "Markdown elements in the input are too deeply nested"
    }

    private static bool TooDeepLine(ReadOnlySpan<char> text)
    {
        foreach (var line in text.EnumerateLines())
            if (Depth(line.TrimStart()) > MaxDepth) return true;
        return false;
    }

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
