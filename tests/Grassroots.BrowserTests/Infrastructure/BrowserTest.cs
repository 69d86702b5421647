namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>A browser test class: the app started as its own process and system Chromium, for the class's tests.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected RunningApp App { get; private set; } = null!;
    protected Browser Chromium { get; private set; } = null!;

    /// <summary>Settings for the app (environment variable names, e.g. Database__SeedDemo).</summary>
    protected virtual IDictionary<string, string>? Settings => null;

    /// <summary>"localhost" where WebAuthn needs a domain.</summary>
    protected virtual string Host => "127.0.0.1";

    public async Task InitializeAsync()
    {
        // Two cores shared by the app, Chromium, PostgreSQL and the test run: a passkey ceremony or a
        // page after a password hash can take longer than Playwright's default 5 s under that load.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        App = await RunningApp.StartAsync(Settings, Host);
        Chromium = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await App.DisposeAsync();
    }
}
