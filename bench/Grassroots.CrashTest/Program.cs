using Grassroots.CrashTest;

// What survives a crash (bench/crash.sh runs it on SQLite and PostgreSQL):
//   dotnet bench/Grassroots.CrashTest/bin/Release/net10.0/Grassroots.CrashTest.dll {Sqlite|Postgres}
//       [--kills 4] [--seed 1] [--workers 16] [--synchronous Normal|Full] [--app src/Grassroots/bin/Release/net10.0/Grassroots.dll]
// PostgreSQL: GRASSROOTS_BENCH_PG names a server; a fresh database is made there and dropped after.
// Prints a Markdown report on stdout (progress on stderr); exits 1 when anything was lost or doubled.
var named = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2) named[args[i].TrimStart('-')] = args[i + 1];
var provider = args.Length > 0 && args[0].StartsWith("Postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";
var repo = new DirectoryInfo(AppContext.BaseDirectory);
while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Grassroots.slnx"))) repo = repo.Parent;
var dll = named.TryGetValue("app", out var a) ? Path.GetFullPath(a)
    : Path.Combine(repo?.FullName ?? ".", "src", "Grassroots", "bin", "Release", "net10.0", "Grassroots.dll");
if (!File.Exists(dll)) throw new FileNotFoundException($"Build the app first (dotnet build src/Grassroots -c Release): {dll}");
var work = Directory.CreateTempSubdirectory("grassroots-crash-").FullName;
Console.Error.WriteLine($"work folder (data, app.log): {work}");

var options = new CrashOptions
{
    Provider = provider, AppDll = dll, WorkDir = work,
    Kills = named.TryGetValue("kills", out var k) ? int.Parse(k) : 4,
    Seed = named.TryGetValue("seed", out var s) ? int.Parse(s) : 1,
    Workers = named.TryGetValue("workers", out var w) ? int.Parse(w) : 16,
    SqliteSynchronous = named.GetValueOrDefault("synchronous"),
};
var (report, passed) = await new CrashRun(options).RunAsync(CancellationToken.None);
Console.WriteLine(report);
// Kept when something is wrong, for the app's log and the database.
if (passed) Directory.Delete(work, recursive: true);
return passed ? 0 : 1;
