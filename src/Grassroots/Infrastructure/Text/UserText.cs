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

    private readonly HtmlSanitizer _sanitizer = new();

    public UserText()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
                a.SetAttribute("rel", "nofollow ugc noopener");
        };
    }

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>Trims and folds runs of white space into one space: names and titles as people mean them.</summary>
    public static string Collapse(string? s) => string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when the text holds markup that would be stripped: we tell the writer rather than silently drop it.</summary>
    public static bool ContainsScript(string? text) =>
        text is not null && (text.Contains("<script", StringComparison.OrdinalIgnoreCase)
            || text.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(text, @"<[^>]+\son\w+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
}
