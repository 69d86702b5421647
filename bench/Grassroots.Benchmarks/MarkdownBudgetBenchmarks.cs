using BenchmarkDotNet.Attributes;
using Grassroots.Infrastructure.Text;
using Markdig;

namespace Grassroots.Benchmarks;

/// <summary>
/// What the Markdown budget (a block-only parse, counting delimiters per block) adds to rendering a plank: Markdig's
/// own rendering of the same text is the baseline, and the whole safe rendering (budget, Markdig, sanitizer) is what a
/// page pays. "Bomb" is the seventh review's bypass (lines starting "#" that continue one paragraph), refused by the
/// budget and shown as plain text; Markdig alone on it is the cost the budget saves.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MarkdownBudgetBenchmarks
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks().UseEmphasisExtras().UseListExtras().UseTaskLists().DisableHtml().Build();

    [Params("Plank", "Bomb")] public string Text { get; set; } = "Plank";

    private string _text = "";
    private readonly UserText _user = new();

    [GlobalSetup]
    public void Setup() => _text = Text == "Plank"
        // An ordinary long plank: 40 paragraphs with emphasis, links and a list (about 12,000 characters).
        ? string.Join("\n\n", Enumerable.Range(0, 40).Select(i => i % 5 == 4
            ? "- **Living wage** for every worker\n- Paid *family* leave, [12 weeks](https://example.org/leave)\n- Child care for all"
            : $"Plank paragraph {i}: we will **raise the minimum wage** to a *living wage*, end tipped wages and index it to inflation, as [the plan](https://example.org/plan/{i}) says, so that _no one_ who works full time lives in poverty."))
        // 49 lines of 42 emphasis openers each, one paragraph (about 20,000 characters).
        : string.Join("\n", Enumerable.Repeat("#" + string.Concat(Enumerable.Repeat("*a **b _c __d ", 42)), 49));

    [Benchmark(Baseline = true)] public string MarkdigAlone() => Markdown.ToHtml(_text, Pipeline);
    [Benchmark] public bool BudgetCheck() => MarkdownBudget.Affordable(_text);
    [Benchmark] public string SafeHtml() => _user.ToSafeHtml(_text);
}
