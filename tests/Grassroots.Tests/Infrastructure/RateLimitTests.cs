using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// Sign-up and sign-in attempts are limited per account and address, under a generous ceiling per
/// address; page views don't count; the refusal says what to do, in the visitor's language.
/// Each test plays its own address (<see cref="AppFactory.PeerHeader"/>), so their budgets are apart.
/// </summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedApp>
{
    /// <summary>Its own app (and limiter state), with small limits and one configured proxy.</summary>
    public sealed class LimitedApp() : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerAccountPerMinute"] = "3",
            ["RateLimits:AuthPerAddressPerMinute"] = "6",
            ["RateLimits:WritesPerMinute"] = "4",
            ["RateLimits:AnonymousWritesPerMinute"] = "3",
            ["RateLimits:UploadsPerHour"] = "2",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        };
    }

    private readonly LimitedApp _app;
    public RateLimitTests(LimitedApp app) => _app = app;

    private HttpClient From(string address, string? forwardedFor = null, bool browser = false)
    {
        var client = browser ? Browser(_app) : _app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, address);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    [Fact]
    public async Task Pol_is_uploads_are_counted_by_the_hour_checks_included()
    {
        var (_, client) = await _app.MemberAsync();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "192.0.2.77");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(await client.PostAsync("/api/conversations/import/preview", Grassroots.Tests.Features.Conversations.PolisImportTests.Form(
                Grassroots.Tests.Opinion.Polis.PolisFiles.TwoComments, Grassroots.Tests.Opinion.Polis.PolisFiles.Votes + "5,x,1,3,1\n")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], answers.Take(2).Select(a => a.StatusCode));
        await ProblemAssert.IsProblemAsync(answers[2], HttpStatusCode.TooManyRequests);
        Assert.Contains("this hour's limit", await answers[2].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Too_many_attempts_on_one_account_get_429_with_a_problem_body()
    {
        var client = From("192.0.2.1");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.org", password = "wrong password" }));
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].StatusCode);
        var limited = answers.Last();
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("Wait a minute", await limited.Content.ReadAsStringAsync());
        Assert.NotNull(limited.Headers.RetryAfter);
        // Another account from the same address is not held up by the first.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = "someone.else@example.org", password = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_limited_browser_gets_a_page_in_its_language()
    {
        var browser = From("192.0.2.2", browser: true);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await Forms.SubmitAsync(browser, "/account/signin", SignInForm("nadie@example.org", "mala contraseña"));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("text/html", last.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Demasiadas solicitudes", Forms.Text(await last.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Viewing_the_account_pages_costs_nothing()
    {
        var browser = From("192.0.2.3", browser: true);
        foreach (var path in new[] { "/account/signup", "/account/signin", "/account/forgot", "/account/resend" })
            for (var i = 0; i < 10; i++)
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        // …and the budget for attempts is untouched.
        var signUp = await Forms.SubmitAsync(browser, "/account/signup", SignUpForm($"view{Guid.NewGuid():N}@example.org"));
        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_buys_no_budget_of_its_own()
    {
        // Ten members' tokens from one address: the address's ceiling (6) holds for all of them together.
        var members = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            var (_, member) = await _app.MemberAsync(); // made from another address
            var client = From("192.0.2.4");
            client.DefaultRequestHeaders.Authorization = member.DefaultRequestHeaders.Authorization;
            members.Add(client);
        }
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < members.Count; i++)
            codes.Add((await members[i].PostAsJsonAsync("/api/auth/login", new { email = $"target{i}@example.org", password = "guess" })).StatusCode);
        Assert.Equal(6, codes.Count(c => c == HttpStatusCode.Unauthorized));
        Assert.Equal(4, codes.Count(c => c == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Forwarded_addresses_are_believed_only_from_a_configured_proxy()
    {
        // Through the configured proxy, two clients have budgets of their own.
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await From("10.0.0.1", "203.0.113.1").PostAsJsonAsync("/api/auth/login", new { email = $"a{i}@example.org", password = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await From("10.0.0.1", "203.0.113.2").PostAsJsonAsync("/api/auth/login", new { email = "b@example.org", password = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await From("10.0.0.1", "203.0.113.1").PostAsJsonAsync("/api/auth/login", new { email = "c@example.org", password = "x" })).StatusCode);

        // From anywhere else, X-Forwarded-For is whatever the sender wrote: ignored.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            codes.Add((await From("198.51.100.7", $"203.0.113.{100 + i}").PostAsJsonAsync("/api/auth/login", new { email = $"d{i}@example.org", password = "x" })).StatusCode);
        Assert.Equal(2, codes.Count(c => c == HttpStatusCode.TooManyRequests));
    }
}

/// <summary>X-Forwarded-For is whatever the sender wrote: with no proxy configured (the default install) it is ignored.</summary>
public sealed class UnproxiedForwardingTests(UnproxiedForwardingTests.UnproxiedApp app) : IClassFixture<UnproxiedForwardingTests.UnproxiedApp>
{
    public sealed class UnproxiedApp() : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerAccountPerMinute"] = "3",
            ["RateLimits:AuthPerAddressPerMinute"] = "6",
        };
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_addresses_are_ignored()
    {
        // Twelve resets for one account, each claiming another address: one address, one budget.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) codes.Add(await Forwarding.ForgotAsync(app, "198.51.100.60", $"203.0.113.{i + 1}", "victim@example.org"));
        Assert.Equal(3, codes.Count(c => c == HttpStatusCode.OK));
        // Nor can anyone spend another address's budget by naming it.
        for (var i = 0; i < 12; i++) await Forwarding.ForgotAsync(app, "198.51.100.61", "198.51.100.62", $"someone{i}@example.org");
        Assert.Equal(HttpStatusCode.OK, await Forwarding.ForgotAsync(app, "198.51.100.62", null, "mine@example.org"));
    }
}

/// <summary>Behind proxies, only as many hops back as there are known proxies are believed.</summary>
public sealed class ProxyHopTests(ProxyHopTests.NetworkProxyApp app) : IClassFixture<ProxyHopTests.NetworkProxyApp>
{
    /// <summary>A load balancer named by its network, which may hold clients too.</summary>
    public sealed class NetworkProxyApp() : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerAccountPerMinute"] = "3",
            ["RateLimits:AuthPerAddressPerMinute"] = "6",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
        };
    }

    [Fact]
    public async Task A_client_inside_a_known_network_cannot_forge_the_entries_before_its_own()
    {
        // Through the load balancer (10.0.0.1), two visitors have budgets of their own.
        Assert.Equal(HttpStatusCode.OK, await Forwarding.ForgotAsync(app, "10.0.0.1", "203.0.113.70", "one@example.org"));
        Assert.Equal(HttpStatusCode.OK, await Forwarding.ForgotAsync(app, "10.0.0.1", "203.0.113.71", "one@example.org"));
        // A client inside the network (10.9.9.9) writes an entry before its own: it is still 10.9.9.9.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) codes.Add(await Forwarding.ForgotAsync(app, "10.0.0.1", $"203.0.113.{100 + i}, 10.9.9.9", "two@example.org"));
        Assert.Equal(3, codes.Count(c => c == HttpStatusCode.OK));
    }
}

internal static class Forwarding
{
    /// <summary>A reset asked from <paramref name="peer"/> (the connection's address), with the X-Forwarded-For it claims.</summary>
    public static async Task<HttpStatusCode> ForgotAsync(AppFactory app, string peer, string? forwardedFor, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgotPassword") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add(AppFactory.PeerHeader, peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }
}

public sealed class WriteRateLimitTests(RateLimitTests.LimitedApp app) : IClassFixture<RateLimitTests.LimitedApp>
{
    private readonly RateLimitTests.LimitedApp _app = app;

    [Fact]
    public async Task Api_writes_are_limited_per_member_but_reads_are_not()
    {
        var client = _app.CreateClient(); // the limiter counts the member's writes, not the token fetch
        var token = await MemberTokenAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            codes.Add((await client.PostAsJsonAsync("/api/groups", new { name = $"Limited {i} {Guid.NewGuid():N}"[..24], kind = "Issue" })).StatusCode);
        Assert.Equal(4, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(2, codes.Count(c => c == HttpStatusCode.TooManyRequests));
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/groups")).StatusCode);
    }

    [Fact]
    public async Task Guests_without_an_account_write_a_few_times_a_minute_through_the_api_and_the_event_page()
    {
        var (_, host) = await _app.MemberAsync();
        var starts = DateTime.UtcNow.AddDays(30);
        var created = await host.PostAsJsonAsync("/api/events", new
        {
            kind = "HouseParty", title = "Limited party", startsAt = starts, endsAt = starts.AddHours(2), timeZone = "America/New_York",
            zip = "10027", address = "1 Main St", capacity = 500,
        });
        var e = (await created.Content.ReadFromJsonAsync<Grassroots.Features.Events.EventView>())!;
        // Through the API: the address's budget (3 here) then 429, whatever the addresses typed.
        HttpClient From(string address, bool browser = false)
        {
            var client = browser ? Accounts.Browser(_app) : _app.CreateClient();
            client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, address);
            return client;
        }
        var api = From("192.0.2.40");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            codes.Add((await api.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { name = $"Guest {i}", email = $"flood{i}-{Guid.NewGuid():N}@example.org" })).StatusCode);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
        // Through the page form from another address: the same budget, and the page still shows (reads are free).
        var browser = From("192.0.2.41", browser: true);
        var page = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            page.Add((await Forms.SubmitAsync(browser, $"/events/{e.Slug}", new Dictionary<string, string>
            {
                ["Rsvp.Name"] = $"Guest {i}", ["Rsvp.Email"] = $"pageflood{i}-{Guid.NewGuid():N}@example.org", ["Rsvp.Key"] = Guid.NewGuid().ToString("N"),
            }, $"/events/{e.Slug}?handler=Rsvp")).StatusCode);
        Assert.Equal(3, page.Count(c => c is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found));
        Assert.Equal(2, page.Count(c => c == HttpStatusCode.TooManyRequests));
        Assert.Equal(6, (await host.GetFromJsonAsync<Grassroots.Features.Events.EventView>($"/api/events/{e.Id}"))!.Counts.Confirmed);
        // A member's own writes have their own budget.
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsJsonAsync($"/api/events/{e.Id}/rsvps", new { })).StatusCode);
    }

    private async Task<string> MemberTokenAsync()
    {
        var (_, client) = await _app.MemberAsync();
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }
}

/// <summary>
/// A convention hall or a campus behind one public address: 500 people sign up, confirm and sign in
/// within ten minutes, with the default limits (this factory does not raise them) and a clock the
/// test moves, so the ten minutes are the limiter's ten minutes.
/// </summary>
public abstract class CrowdedRoomTests(CrowdedRoomTests.RoomApp app)
{
    public abstract class RoomApp(DbKind kind) : AppFactory(kind)
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            // The defaults, as a fresh install has them (AppFactory raises them for other tests).
            ["RateLimits:AuthPerAccountPerMinute"] = new Grassroots.Infrastructure.Web.RateLimitOptions().AuthPerAccountPerMinute.ToString(),
            ["RateLimits:AuthPerAddressPerMinute"] = new Grassroots.Infrastructure.Web.RateLimitOptions().AuthPerAddressPerMinute.ToString(),
            // The clock is the test's, and stands still while a request runs: a floor on the answer's time would never pass.
            ["Accounts:MinimumAnswerTime"] = "00:00:00",
        };

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
    public sealed class SqliteRoom() : RoomApp(DbKind.Sqlite);
    public sealed class PostgresRoom() : RoomApp(DbKind.Postgres);

    [Fact]
    public async Task Five_hundred_people_behind_one_address_sign_up_and_in_within_ten_minutes()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "198.51.100.50");
        var refused = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10) / 500);
            var email = $"delegate{i}-{Guid.NewGuid():N}@example.org";
            var signUp = await client.PostAsJsonAsync("/api/auth/register", new { displayName = $"Delegate {i}", email, password = AppFactory.Password });
            if (signUp.StatusCode != HttpStatusCode.OK) { refused.Add($"{i} sign-up {(int)signUp.StatusCode}"); continue; }
            // The link from the email (made here directly: the mail itself has its own tests).
            var (userId, code) = await app.WithScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<Member>>();
                var member = (await users.FindByEmailAsync(email))!;
                return (member.Id.ToString(), AccountTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(member)));
            });
            var confirm = await client.PostAsJsonAsync("/api/auth/confirmEmail", new { userId, code, password = AppFactory.Password });
            if (confirm.StatusCode != HttpStatusCode.OK) { refused.Add($"{i} confirm {(int)confirm.StatusCode}"); continue; }
            var signIn = await LoginAsync(client, email);
            if (signIn.StatusCode != HttpStatusCode.OK) refused.Add($"{i} sign-in {(int)signIn.StatusCode}");
        }
        Assert.True(refused.Count == 0, $"{refused.Count} refused: " + string.Join(", ", refused.Take(10)));
    }

    [Fact]
    public async Task Five_hundred_delegates_in_one_hall_sign_in_within_one_minute()
    {
        // A convention hall's Wi-Fi: one public address, everyone signing in as the session opens.
        var emails = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var email = $"hall{i}-{Guid.NewGuid():N}@example.org";
            await app.WithScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<Member>>();
                return await users.CreateAsync(new Member { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Delegate {i}" }, AppFactory.Password);
            });
            emails.Add(email);
        }
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "198.51.100.77");
        var refused = new List<string>();
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1) / 600);
            var signIn = await LoginAsync(client, email);
            if (signIn.StatusCode != HttpStatusCode.OK) refused.Add($"{i} sign-in {(int)signIn.StatusCode}");
        }
        Assert.True(refused.Count == 0, $"{refused.Count} refused: " + string.Join(", ", refused.Take(10)));
    }
}

public sealed class CrowdedRoomTests_Sqlite(CrowdedRoomTests.SqliteRoom app) : CrowdedRoomTests(app), IClassFixture<CrowdedRoomTests.SqliteRoom>;
public sealed class CrowdedRoomTests_Postgres(CrowdedRoomTests.PostgresRoom app) : CrowdedRoomTests(app), IClassFixture<CrowdedRoomTests.PostgresRoom>;
