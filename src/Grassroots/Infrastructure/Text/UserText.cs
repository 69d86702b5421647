using System.Globalization;
using System.Text;
using Ganss.Xss;
using Markdig;

namespace Grassroots.Infrastructure.Text;

/// <summary>
/// Turns Markdown written by members into HTML that is safe to show: Markdig renders, then
/// HtmlSanitizer removes anything executable (script, event handlers, javascript: links).
/// </summary>
public sealed class UserText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks().UseEmphasisExtras().UseListExtras().UseTaskLists().DisableHtml().Build();

    private readonly HtmlSanitizer _sanitizer = Sanitizer(imagesAsLinks: false);
    private readonly HtmlSanitizer _mailSanitizer = Sanitizer(imagesAsLinks: true);

    private static HtmlSanitizer Sanitizer(bool imagesAsLinks)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
                a.SetAttribute("rel", "nofollow ugc noopener");
            // In mail an image loads when the message is opened, telling its writer the reader's address and
            // the time they read it (the site's pages block outside images by CSP; mail clients may not).
            // It becomes a link the reader can choose to follow.
            else if (imagesAsLinks && e.Node is AngleSharp.Html.Dom.IHtmlImageElement img)
            {
                var link = e.Document.CreateElement("a");
                if (!string.IsNullOrEmpty(img.Source)) link.SetAttribute("href", img.Source);
                link.SetAttribute("rel", "nofollow ugc noopener");
                link.TextContent = string.IsNullOrWhiteSpace(img.AlternativeText) ? img.Source ?? "" : img.AlternativeText;
                img.Replace(link);
            }
        };
        return sanitizer;
    }

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Render(markdown));

    /// <summary>As <see cref="ToSafeHtml"/>, for an email: images become links, so opening the mail loads nothing from elsewhere.</summary>
    public string ToSafeMailHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _mailSanitizer.Sanitize(Render(markdown));

    // Text Markdig would take seconds over, or nest past its depth limit (it throws), is shown as plain paragraphs.
    private static string Render(string markdown)
    {
        if (!MarkdownBudget.Affordable(markdown)) return MarkdownBudget.PlainHtml(markdown);
        try { return Markdown.ToHtml(markdown, Pipeline); }
        catch (ArgumentException) { return MarkdownBudget.PlainHtml(markdown); }
    }

    /// <summary>
    /// Names and titles as people mean them, and as others will read them: NFKC (fullwidth and other
    /// compatibility forms become the plain letters they show), invisible format characters removed
    /// (Unicode Cf: zero-width spaces and joiners, bidi overrides that reverse what follows; an emoji
    /// joined with a ZWJ falls apart into its pieces, a fair price in a name), white space folded.
    /// </summary>
    public static string Collapse(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var normalized = s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsInvisible(rune)) continue;
            if (rune.Value == 0x2800) sb.Append(' '); // the braille blank passes for a space
            else sb.Append(rune.ToString());
        }
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Characters that show nothing: format characters (Cf), and the rest of Unicode's
    /// Default_Ignorable_Code_Point set that are not Cf (the combining grapheme joiner, variation
    /// selectors, Hangul fillers, invisible Khmer vowels, Mongolian selectors), which let two names look
    /// the same on screen and differ in the database.
    /// </summary>
    private static bool IsInvisible(Rune r) => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format || r.Value switch
    {
        0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xE0100 and <= 0xE01EF => true,
        >= 0x2060 and <= 0x206F => true,
        _ => false,
    };

    /// <summary>True when the text holds markup that would be stripped: we tell the writer rather than silently drop it.</summary>
    public static bool ContainsScript(string? text) =>
        text is not null && (text.Contains("<script", StringComparison.OrdinalIgnoreCase)
            || text.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(text, @"<[^>]+\son\w+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
}
