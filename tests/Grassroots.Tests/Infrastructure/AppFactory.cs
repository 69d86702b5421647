using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh database of one kind, sending mail to a real SMTP server on loopback.
/// One per test class (IClassFixture); tests inside a class share it and make their own members.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; }
    public TestSmtpServer Smtp { get; } = new();

    /// <summary>Every error the app logged (with its exception), so a test that sees a 500 can say why.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public AppFactory(DbKind kind) => Database = TestDatabase.Create(kind);

    /// <summary>A host on a database another one used (a restart after a crash): that one's owner drops it.</summary>
    protected AppFactory(TestDatabase shared) => (Database, ownsDatabase) = (shared, false);
    private readonly bool ownsDatabase = true;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    /// <summary>Real hashing, fewer rounds: tests make hundreds of members (production keeps Identity's 100,000).</summary>
    protected virtual bool FastHashing => true;
    protected virtual void ConfigureServices(IServiceCollection services) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Kind == DbKind.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:SeedDemo", "false");
        // The map counts afresh on every request, so each test sees the events it just made.
        builder.UseSetting("Events:MapCountsSeconds", "0");
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Smtp.Port.ToString());
        builder.UseSetting("Email:SmtpSecurity", "None");
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        builder.UseSetting("Notices:PollInterval", "00:00:00.200");
        builder.UseSetting("RateLimits:AuthPerAccountPerMinute", "100000");
        builder.UseSetting("RateLimits:AuthPerAddressPerMinute", "100000");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("RateLimits:AnonymousWritesPerMinute", "100000");
        builder.UseSetting("RateLimits:UploadsPerHour", "100000");
        builder.UseSetting("Accounts:AccountMailInterval", "00:00:00"); // tests ask for links again and again; AccountMailTests turns it on
        builder.UseSetting("Moderation:MinimumAccountAge", "00:00:00"); // tests make their members a moment before they act
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.ConfigureServices(s =>
        {
            if (FastHashing) s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            s.AddSingleton<IStartupFilter, TestPeer>();
            s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new ErrorLog(Errors));
            ConfigureServices(s);
        });
    }

    public async Task InitializeAsync() => await Task.Run(() => Server); // starts the host: migrations run

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        if (ownsDatabase) await Database.DisposeAsync();
    }

    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>A confirmed member made directly (the sign-up flow has its own tests) and an API client signed in as them.</summary>
    public async Task<(Member Member, HttpClient Client)> MemberAsync(string? name = null, string? zip = "19107")
    {
        var email = $"m{Guid.NewGuid():N}@example.org";
        var member = await WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Member>>();
            var zips = sp.GetRequiredService<Grassroots.Infrastructure.Geo.ZipCodes>();
            var place = zips.Find(zip);
            var m = new Member
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "Test Member",
                Zip = place?.Zip, City = place?.City, State = place?.State, Latitude = place?.Latitude, Longitude = place?.Longitude,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var result = await users.CreateAsync(m, Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return m;
        });
        var client = CreateClient();
        // Each member's client plays an address of its own, as people do: tests that count per address stay apart.
        client.DefaultRequestHeaders.Add(PeerHeader, $"100.{Random.Shared.Next(64, 128)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (member, client);
    }

    /// <summary>A browser (cookies, no automatic redirects) signed in through the sign-in page, as a new member unless one is given.</summary>
    public async Task<HttpClient> BrowserAsync(Member? member = null)
    {
        member ??= (await MemberAsync()).Member;
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await Forms.SubmitAsync(client, "/account/signin", new Dictionary<string, string> { ["Input.Email"] = member.Email!, ["Input.Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    public const string Password = "correct horse battery";

    public sealed record TokenResponse(string AccessToken);

    /// <summary>The header a test sets to play a connection from another address (the test server has none of its own).</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Runs before the app's middleware, as the connection itself would: sets the caller's address from <see cref="PeerHeader"/>.</summary>
    private sealed class TestPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer) && System.Net.IPAddress.TryParse(peer, out var ip))
                    http.Connection.RemoteIpAddress = ip;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class SqliteApp() : AppFactory(DbKind.Sqlite);
public sealed class PostgresApp() : AppFactory(DbKind.Postgres);

/// <summary>Keeps what the app logs at Error level.</summary>
internal sealed class ErrorLog(System.Collections.Concurrent.ConcurrentQueue<string> errors) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(errors);
    public void Dispose() { }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> errors) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue(formatter(state, exception) + "\n" + exception);
        }
    }
}
