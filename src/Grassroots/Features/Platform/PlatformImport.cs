using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;

namespace Grassroots.Features.Platform;

public sealed record ParsedPlank(string Title, string Body);
public sealed record ParsedSection(string Title, IReadOnlyList<ParsedPlank> Planks);
/// <summary>A platform text split into sections and planks, shown for review before anything is saved.</summary>
public sealed record ParsedPlatform(string? Title, string Summary, IReadOnlyList<ParsedSection> Sections)
{
    public int Planks => Sections.Sum(s => s.Planks.Count);
}

/// <summary>
/// Reads an existing platform (Markdown, or a Word .docx turned into Markdown first) into sections and planks:
/// "# Title", then "## Section", then "### Plank" with its text; a section without "###" headings gets one plank
/// per paragraph or list. Markdig finds the blocks; the planks keep the author's own Markdown.
/// </summary>
public static class PlatformImport
{
    public const int MaxMarkdownLength = 1_000_000;
    public const long MaxDocxBytes = 10 * 1024 * 1024;

    // Blocks only: the planks keep their Markdown as written (rendered, within its budget, when shown), and headings are
    // read from their source. Inline parsing is where Markdig turns quadratic ("[a](" a million times took an hour).
    private static readonly MarkdownPipeline Pipeline = Infrastructure.Text.MarkdownBudget.BlockPipeline();


    public static ParsedPlatform Split(string markdown)
    {
        var text = PlatformText.Normalize(markdown);
        var blocks = Markdown.Parse(text, Pipeline);
        string? title = null;
        var summary = new StringBuilder();
        var sections = new List<(string Title, List<ParsedPlank> Planks)>();
        (string Title, StringBuilder Body)? plank = null;
        var loose = new List<string>(); // blocks under a section before its first "###"

        void ClosePlank()
        {
            if (plank is { } p && sections.Count > 0) sections[^1].Planks.Add(new ParsedPlank(p.Title, p.Body.ToString().Trim()));
            plank = null;
        }
        void CloseLoose()
        {
            if (sections.Count > 0) foreach (var b in loose) sections[^1].Planks.Add(new ParsedPlank("", b));
            loose.Clear();
        }

        foreach (var block in blocks)
        {
            var source = text.Substring(block.Span.Start, Math.Min(block.Span.Length, text.Length - block.Span.Start)).Trim();
            if (block is HeadingBlock h && h.Level <= 3)
            {
                var heading = Inline(h, text);
                ClosePlank();
                CloseLoose();
                if (h.Level == 1 && title is null && sections.Count == 0) { title = heading; continue; }
                if (h.Level <= 2) { sections.Add((heading, [])); continue; }
                if (sections.Count == 0) sections.Add((title ?? "", []));
                plank = (heading, new StringBuilder());
                continue;
            }
            if (plank is { } open) { open.Body.Append(open.Body.Length > 0 ? "\n\n" : "").Append(source); continue; }
            if (sections.Count == 0) { summary.Append(summary.Length > 0 ? "\n\n" : "").Append(source); continue; }
            loose.Add(source);
        }
        ClosePlank();
        CloseLoose();
        // Text with no headings at all: one section, a plank per paragraph.
        if (sections.Count == 0 && summary.Length > 0)
        {
            // The text once: taking it per block made a 120,000-character text without headings cost 30 s.
            var all = summary.ToString();
            return new ParsedPlatform(title, "", [new ParsedSection("", Markdown.Parse(all, Pipeline)
                .Select(b => new ParsedPlank("", all.Substring(b.Span.Start, b.Span.Length).Trim())).ToList())]);
        }
        return new ParsedPlatform(title, summary.ToString(), sections.Where(s => s.Planks.Count > 0 || s.Title.Length > 0)
            .Select(s => new ParsedSection(s.Title, s.Planks)).ToList());
    }

    private static string Inline(HeadingBlock h, string text) =>
        h.Inline is null ? "" : text.Substring(h.Inline.Span.Start, Math.Max(0, h.Inline.Span.Length)).Trim();

    /// <summary>
    /// A Word document as Markdown: Title and Heading 1–3 styles become "#"–"###", list paragraphs "- ", bold and
    /// italic runs ** and *. Tables and images are left out (a platform is prose). Null when it is not a .docx.
    /// </summary>
    public static string? DocxToMarkdown(Stream docx)
    {
        try
        {
            // A zip bomb inflates in memory: cap what one part may hold.
            using var word = WordprocessingDocument.Open(docx, false, new OpenSettings { MaxCharactersInPart = 20_000_000 });
            var body = word.MainDocumentPart?.Document?.Body;
            if (body is null) return null;
            var styles = word.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<Style>()
                .Where(s => s.StyleId?.Value is not null)
                .ToDictionary(s => s.StyleId!.Value!, s => s.StyleName?.Val?.Value ?? s.StyleId!.Value!) ?? [];
            var md = new StringBuilder();
            var lastWasList = false;
            foreach (var p in body.Descendants<Paragraph>())
            {
                var line = Runs(p).Trim();
                if (line.Length == 0) continue;
                var styleId = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                var style = (styles.GetValueOrDefault(styleId) ?? styleId).Replace(" ", "").ToLowerInvariant();
                var prefix = style switch
                {
                    "title" or "heading1" => "# ",
                    "heading2" => "## ",
                    "heading3" => "### ",
                    _ when style.StartsWith("heading", StringComparison.Ordinal) => "#### ",
                    _ when p.ParagraphProperties?.NumberingProperties is not null || style.StartsWith("list", StringComparison.Ordinal) => "- ",
                    _ => "",
                };
                // Consecutive list items stay one list; everything else is its own block. (A flag, not a look at the
                // text so far: copying it per paragraph made 40,000 list items cost 25 s.)
                if (md.Length > 0) md.Append(prefix == "- " && lastWasList ? "\n" : "\n\n");
                md.Append(prefix).Append(prefix.StartsWith('#') ? line.Replace("**", "") : line);
                lastWasList = prefix == "- ";
            }
            return md.ToString();
        }
        catch (Exception e) when (e is System.IO.FileFormatException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
                                   or System.Xml.XmlException or InvalidOperationException or NotSupportedException or IOException)
        {
            return null;
        }
    }

    private static string Runs(Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var run in p.Descendants<Run>())
        {
            var text = string.Concat(run.Elements().Select(e => e switch { Text t => t.Text, TabChar => " ", Break => " ", _ => "" }));
            if (text.Length == 0) continue;
            var bold = run.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value);
            var italic = run.RunProperties?.Italic is { } i && (i.Val is null || i.Val.Value);
            var core = text.Trim();
            if (core.Length == 0 || (!bold && !italic)) { sb.Append(text); continue; }
            var mark = bold && italic ? "***" : bold ? "**" : "*";
            sb.Append(text[..text.IndexOf(core[0])]).Append(mark).Append(core).Append(mark).Append(text[(text.LastIndexOf(core[^1]) + 1)..]);
        }
        return sb.ToString();
    }
}
