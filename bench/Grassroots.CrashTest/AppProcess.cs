using System.Diagnostics;

namespace Grassroots.CrashTest;

/// <summary>The Grassroots host as its own process, started, killed with SIGKILL and started again on the same data.</summary>
public sealed class AppProcess(string dll, string workingDirectory, string url, IReadOnlyDictionary<string, string> environment, string logPath) : IAsyncDisposable
{
    private Process? _process;
    private StreamWriter? _log;

    public string Url => url;

    /// <summary>Starts the app and waits for /health/ready; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (k, v) in environment) start.Environment[k] = v;
        if (_log is not null) await _log.DisposeAsync();
        var log = _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- start {DateTimeOffset.UtcNow:O}");
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited at start (code {_process.ExitCode}); see {logPath}");
            try
            {
                if ((await http.GetAsync($"{url}/health/ready", ct)).IsSuccessStatusCode) return clock.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"The app was not ready within 120 s; see {logPath}");
    }

    /// <summary>SIGKILL (what Process.Kill sends on Unix): no shutdown hook, no flush, no goodbye.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_log is not null) await _log.DisposeAsync();
    }
}
