using System.Text.Json;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>System Chromium driven by Playwright; fails (never skips) when Chromium is missing.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    public IBrowser Instance { get; }

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, Instance) = (playwright, browser);

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}: run scripts/test.sh (it installs it) or apt-get install chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, browser);
    }

    public static readonly string ScreenshotDir = Path.Combine(RunningApp.RepoRoot, "artifacts", "screenshots");

    /// <summary>Screenshot at the page's current size, saved under artifacts/screenshots.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// A browser context with axe-core (npm) injected as an init script: the browser adds it to
    /// every page itself, so the site's content security policy stays on and is tested too.
    /// Console errors (a CSP violation, a failed script) are collected in <paramref name="errors"/>.
    /// <paramref name="phone"/> makes it a touch phone (isMobile: the page's meta viewport applies; taps are touches).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, string? culture = null, string? baseUrl = null, List<string>? errors = null, bool phone = false)
    {
        var axe = Path.Combine(RunningApp.RepoRoot, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe)) throw new InvalidOperationException("axe-core is missing: run `npm ci` at the repository root (the build does it).");
        var context = await Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = culture == "es" ? "es-US" : "en-US", IsMobile = phone, HasTouch = phone });
        await context.AddInitScriptAsync(scriptPath: axe);
        if (culture is not null && baseUrl is not null)
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = baseUrl }]);
        if (errors is not null)
            context.Console += (_, msg) => { if (msg.Type == "error") lock (errors) errors.Add(msg.Text); };
        return context;
    }

    /// <summary>
    /// A story's check of one page: it does not scroll sideways, axe finds nothing critical or serious, and it is shot
    /// (artifacts/screenshots/<paramref name="shot"/>.png). What is wrong goes into <paramref name="problems"/>, asserted empty at the end.
    /// </summary>
    public static async Task CheckPageAsync(IPage page, string shot, List<string> problems)
    {
        var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (dims[0] > dims[1]) problems.Add($"{shot}: scrolls sideways ({dims[0]} > {dims[1]} px)");
        foreach (var v in await AxeViolationsAsync(page)) problems.Add($"{shot}: {v}");
        await ShotAsync(page, shot);
    }

    /// <summary>Runs axe-core (injected by <see cref="NewContextAsync"/>) and returns critical and serious violations.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return json.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "critical" or "serious")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
