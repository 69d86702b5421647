using System.Diagnostics;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Text;

namespace Grassroots.Tests.Infrastructure.Text;

/// <summary>Inputs Markdig takes quadratic time over (or throws on) cost milliseconds, and ordinary Markdown renders as before.</summary>
public sealed class MarkdownBudgetTests
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    // Each took seconds to minutes (or threw, a 500) before the budget: "[a](" ×100,000 ran for more than 6 minutes.
    public static TheoryData<string> Hostile => new()
    {
        Repeat("[a](", 100_000), Repeat("![a](", 20_000), Repeat("*a **b ", 20_000), Repeat("_a __b ", 20_000), Repeat("[[a]", 20_000), Repeat("> ", 50_000), Repeat("- ", 50_000),
        "# Title\n\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"### Plank {i}\n\n{Repeat("[a](", 4_900)}\n\n")),
        // Lines that look like new blocks but continue the paragraph (the seventh review's bypass: 9 s a page view):
        // "#" without a space, "1.x", "2. " after a paragraph, a quote's next line.
        string.Join("\n", Enumerable.Repeat("#" + Repeat("*a **b _c __d ", 42), 400)),
        "Intro\n" + string.Join("\n", Enumerable.Repeat("2. " + Repeat("*a **b _c __d ", 42), 400)),
        string.Join("\n", Enumerable.Repeat("1.x" + Repeat("*a **b _c __d ", 42), 400)),
        string.Join("\n", Enumerable.Repeat("> " + Repeat("*a **b _c __d ", 42), 400)),
        // The emphasis extras' own delimiters (superscript, marked, inserted): the re-attack's bypass of the count of "*_~".
        Repeat("^a ", 7_000), Repeat("==a ", 5_000), Repeat("++a ", 5_000), Repeat("~~a ", 5_000),
        // Lists nested by indentation, one level a line: Markdig's depth limit threw (a 500 on preview).
        string.Join("\n", Enumerable.Range(0, 200).Select(i => new string(' ', 2 * i) + "- a")),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_renders_and_splits_in_linear_time_without_throwing(string text)
    {
        var started = Stopwatch.StartNew();
        var html = new UserText().ToSafeHtml(text);
        PlatformImport.Split(MarkdownBudget.TooDeep(text) ? "" : text);
        // Loose: the machines are small and shared; quadratic inputs took seconds to hours here.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"{started.Elapsed.TotalSeconds:F1} s for {text.Length} characters");
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Ordinary_markdown_is_still_markdown_and_a_text_over_the_budget_is_plain_encoded_text()
    {
        var text = new UserText();
        Assert.Contains("<a href=\"https://example.org\"", text.ToSafeHtml("Read [the plan](https://example.org), **now**."));
        Assert.Contains("<strong>now</strong>", text.ToSafeHtml("Read [the plan](https://example.org), **now**."));
        Assert.Contains("<li>", text.ToSafeHtml(string.Join("\n", Enumerable.Range(0, 200).Select(i => $"- [link {i}](https://example.org/{i}) *note*"))));
        var plain = text.ToSafeHtml(Repeat("[a](", 100) + "<b>x</b>");
        Assert.StartsWith("<p>[a]([a](", plain);
        Assert.DoesNotContain("<b>", plain);
        Assert.True(MarkdownBudget.TooDeep(Repeat("> ", 40)));
        Assert.True(MarkdownBudget.TooDeep(string.Join("\n", Enumerable.Range(0, 80).Select(i => new string(' ', 2 * i) + "- a"))));
        Assert.False(MarkdownBudget.TooDeep(string.Join("\n", Enumerable.Range(0, 6).Select(i => new string(' ', 2 * i) + "- a"))));
        // Each of those continuation lines, alone in its paragraph, is within the budget and is Markdown.
        Assert.Contains("<em>a</em>", text.ToSafeHtml("#tag *a* " + Repeat("**b** ", 50) + "\n\n#tag *a* " + Repeat("**b** ", 50)));
        // A code block is not parsed for emphasis: its stars count for nothing.
        Assert.Contains("<pre><code>", text.ToSafeHtml("```\n" + Repeat("*a ", 2000) + "\n```\n\nAfter **it**."));
        Assert.False(MarkdownBudget.TooDeep("> a quote\n> > and an answer"));
    }
}
