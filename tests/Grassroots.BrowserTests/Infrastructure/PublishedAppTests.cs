using System.Diagnostics;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Grassroots.BrowserTests.Infrastructure;

/// <summary>
/// The app as a self-hoster runs it: published into a folder of its own and started from somewhere
/// else (`cd / && dotnet /opt/grassroots/Grassroots.dll`). It serves complete pages, reads its own
/// appsettings.json, and writes only where DataPath says.
/// </summary>
public sealed partial class PublishedAppTests(PublishedAppTests.PublishedCopy published) : IClassFixture<PublishedAppTests.PublishedCopy>
{
    /// <summary>`dotnet publish` of the built app into a temporary folder, once for the class.</summary>
    public sealed class PublishedCopy : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"grassroots-published-{Guid.NewGuid():N}");
        public string Dll => Path.Combine(Folder, "Grassroots.dll");

        /// <summary>Set in the published appsettings.json only: a start that finds it has read the app's own settings.</summary>
        public const string DatabaseFile = "from-published-appsettings.db";

        public async Task InitializeAsync()
        {
            var publish = Process.Start(new ProcessStartInfo("dotnet",
                ["publish", Path.Combine(RunningApp.RepoRoot, "src", "Grassroots"), "-c", RunningApp.Configuration, "--no-build", "-o", Folder, "-nologo", "-v", "q"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = publish.StandardOutput.ReadToEndAsync();
            var errors = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
            var settingsFile = Path.Combine(Folder, "appsettings.json");
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
            settings["Database"]!["ConnectionString"] = DatabaseFile;
            await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Started_from_another_folder_it_serves_pages_with_their_stylesheets_and_scripts_and_writes_only_to_DataPath()
    {
        var elsewhere = Directory.CreateTempSubdirectory("grassroots-cwd-").FullName;
        try
        {
            await using var app = await RunningApp.StartAsync(dll: published.Dll, workingDirectory: elsewhere);
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var home = await http.GetAsync("/");
            Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
            var html = await home.Content.ReadAsStringAsync();

            var stylesheets = Stylesheet().Matches(html).Select(m => m.Groups[1].Value).ToList();
            var scripts = Script().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(stylesheets, s => s.StartsWith("/css/site.css"));
            Assert.True(stylesheets.Count >= 2, $"Expected Pico and the site's stylesheet, found: {string.Join(", ", stylesheets)}");
            Assert.NotEmpty(scripts);
            foreach (var asset in stylesheets.Concat(scripts))
            {
                var response = await http.GetAsync(asset);
                Assert.True(response.IsSuccessStatusCode, $"{asset} answered {(int)response.StatusCode}");
                Assert.Matches(stylesheets.Contains(asset) ? "text/css" : "javascript", response.Content.Headers.ContentType?.MediaType ?? "");
                Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{asset} is empty");
            }

            // Its own appsettings.json was read, and the relative file it names is in the data folder.
            Assert.True(File.Exists(Path.Combine(app.DataDirectory, PublishedCopy.DatabaseFile)), string.Join("\n", app.Log));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Without_DataPath_its_data_lives_in_the_apps_own_folder_not_where_it_was_started()
    {
        var elsewhere = Directory.CreateTempSubdirectory("grassroots-cwd-").FullName;
        try
        {
            await using (var app = await RunningApp.StartAsync(new Dictionary<string, string> { ["DataPath"] = "" }, dll: published.Dll, workingDirectory: elsewhere))
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
                Assert.True((await http.GetAsync("/css/site.css")).IsSuccessStatusCode);
            }
            Assert.True(File.Exists(Path.Combine(published.Folder, "data", PublishedCopy.DatabaseFile)));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(published.Folder, "data", "keys"), "*.xml"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex Script();
}
