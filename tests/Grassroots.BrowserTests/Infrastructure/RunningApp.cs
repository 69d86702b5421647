using System.Diagnostics;
using System.Net.Http;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>
/// The built Grassroots host started as its own process on a free loopback port, on a fresh
/// SQLite file in a fresh data folder (DataPath), sending mail to a real SMTP server on loopback.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;
    /// <summary>The app's data folder (DataPath): its SQLite file and Data Protection keys.</summary>
    public string DataDirectory => _dataDir;
    public TestSmtpServer Smtp { get; } = new();
    public string BaseUrl { get; }

    /// <summary>"Release" or "Debug", as these tests were built.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grassroots.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Grassroots.slnx).");
        }
    }

    /// <param name="dll">The app to start (the build output by default); <paramref name="workingDirectory"/> the folder it is started from (the project's by default).</param>
    private RunningApp(IDictionary<string, string>? settings, string host, string? dll, string? workingDirectory)
    {
        var port = TestSmtpServer.FreePort();
        BaseUrl = $"http://{host}:{port}";
        _dataDir = Path.Combine(Path.GetTempPath(), $"grassroots-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        var project = Path.Combine(RepoRoot, "src", "Grassroots");
        dll ??= Path.Combine(project, "bin", Configuration, "net10.0", "Grassroots.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl])
        {
            WorkingDirectory = workingDirectory ?? project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataPath"] = _dataDir;
        start.Environment["Database__SeedDemo"] = "false";
        start.Environment["Email__SmtpHost"] = "127.0.0.1";
        start.Environment["Email__SmtpPort"] = Smtp.Port.ToString();
        start.Environment["Email__SmtpSecurity"] = "None";
        start.Environment["Email__PollInterval"] = "00:00:00.200";
        start.Environment["RateLimits__AuthPerAccountPerMinute"] = "1000";
        // Production refuses to start without it: links in emails never come from a request's Host header.
        start.Environment["Email__PublicBaseUrl"] = BaseUrl;
        start.Environment["Accounts__AccountMailInterval"] = "00:00:00";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) start.Environment[k] = v;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public List<string> Log { get; } = [];

    /// <param name="host">"localhost" where WebAuthn needs a domain (it refuses IP addresses).</param>
    public static async Task<RunningApp> StartAsync(IDictionary<string, string>? settings = null, string host = "127.0.0.1", string? dll = null, string? workingDirectory = null)
    {
        var app = new RunningApp(settings, host, dll, workingDirectory);
        using var http = new HttpClient();
        // A fresh database's migrations and demo seed take a few seconds; on a loaded 2-core machine, much longer.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited) throw new InvalidOperationException("The app exited at start:\n" + string.Join("\n", app.Log));
            try
            {
                if ((await http.GetAsync(app.BaseUrl + "/health/ready")).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        var log = string.Join("\n", app.Log);
        await app.DisposeAsync(); // a test that never got its app must not leave it running
        throw new TimeoutException("The app did not answer /health/ready within 120 s:\n" + log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await Smtp.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
