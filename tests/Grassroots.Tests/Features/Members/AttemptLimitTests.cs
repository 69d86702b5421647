using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Accounts;

namespace Grassroots.Tests.Features.Members;

/// <summary>
/// What strangers sharing an address (a convention hall, a campus) can and cannot do to a member's
/// sign-in, with small limits: 3 attempts per account and address, 6 per address.
/// </summary>
public abstract class AttemptLimitTests(AttemptLimitTests.LimitedApp app)
{
    public abstract class LimitedApp(DbKind kind) : AppFactory(kind)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerAccountPerMinute"] = "3",
            ["RateLimits:AuthPerAddressPerMinute"] = "6",
        };
    }
    public sealed class SqliteLimited() : LimitedApp(DbKind.Sqlite);
    public sealed class PostgresLimited() : LimitedApp(DbKind.Postgres);

    /// <summary>A client playing a caller at <paramref name="address"/> (each test uses addresses of its own).</summary>
    private HttpClient From(string address, bool browser = false)
    {
        var client = browser ? Browser(app) : app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, address);
        return client;
    }

    [Fact]
    public async Task A_known_device_signs_in_whatever_strangers_did_from_its_address()
    {
        const string hall = "198.51.100.21";
        var (alice, _) = await app.MemberAsync();
        var device = (await TokensAsync(await LoginAsync(From("198.51.100.22"), alice.Email!))).DeviceToken;

        // A hall-mate uses up the (hall, alice) budget with resets, then the hall's whole budget.
        var mate = From(hall);
        var resets = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) resets.Add((await mate.PostAsJsonAsync("/api/auth/forgotPassword", new { email = alice.Email })).StatusCode);
        Assert.Equal(3, resets.Count(c => c == HttpStatusCode.OK));
        for (var i = 0; i < 5; i++) await LoginAsync(mate, $"someone{i}@example.org", "a guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(From(hall), $"another{Guid.NewGuid():N}@example.org", "a guess")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(From(hall), alice.Email!)).StatusCode); // a device she never used

        // Her app, with the token its sign-in returned, is not held up by any of it.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(From(hall), alice.Email!, deviceToken: device)).StatusCode);
        // A token of another account's device buys nothing here.
        var (bob, _) = await app.MemberAsync();
        var bobs = (await TokensAsync(await LoginAsync(From("198.51.100.23"), bob.Email!))).DeviceToken;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(From(hall), alice.Email!, deviceToken: bobs)).StatusCode);
    }

    [Fact]
    public async Task A_browser_that_signed_in_before_signs_in_whatever_strangers_did_from_its_address()
    {
        const string hall = "198.51.100.31";
        var (alice, _) = await app.MemberAsync();
        var browser = From(hall, browser: true);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, "/account/signin", SignInForm(alice.Email!))).StatusCode);
        await Forms.SubmitAsync(browser, "/account/signout", new Dictionary<string, string>());

        var mate = From(hall, browser: true);
        for (var i = 0; i < 8; i++) await Forms.SubmitAsync(mate, "/account/forgot", new Dictionary<string, string> { ["email"] = alice.Email! });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forms.SubmitAsync(From(hall, browser: true), "/account/signin", SignInForm(alice.Email!))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(browser, "/account/signin", SignInForm(alice.Email!))).StatusCode);
    }

    [Fact]
    public async Task Passkey_options_name_no_account_and_count_as_attempts()
    {
        var (member, _) = await app.MemberAsync();
        var browser = From("198.51.100.41", browser: true);
        var token = Regex.Match(await browser.GetStringAsync("/account/signin"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        async Task<HttpResponseMessage> OptionsAsync(string email)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/passkey/request-options?email=" + Uri.EscapeDataString(email));
            request.Headers.Add("RequestVerificationToken", WebUtility.HtmlDecode(token));
            return await browser.SendAsync(request);
        }
        static string StateCookie(HttpResponseMessage r) =>
            r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Identity.TwoFactorUserId=")).Split(';')[0];

        var real = await OptionsAsync(member.Email!);
        var unknown = await OptionsAsync($"nobody{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        // The state cookie was 518 characters for a member and 454 for anyone else.
        Assert.Equal(StateCookie(real).Length, StateCookie(unknown).Length);

        // Each request is an attempt: the address's ceiling (6) holds.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) codes.Add((await OptionsAsync($"probe{i}@example.org")).StatusCode);
        Assert.Equal(4, codes.Count(c => c == HttpStatusCode.OK));
        Assert.Equal(2, codes.Count(c => c == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Asking_for_a_new_confirmation_link_is_limited_like_every_attempt()
    {
        var browser = From("198.51.100.51", browser: true);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            codes.Add((await Forms.SubmitAsync(browser, "/account/resend", new Dictionary<string, string> { ["Email"] = "the.same@example.org" })).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
    }
}

public sealed class AttemptLimitTests_Sqlite(AttemptLimitTests.SqliteLimited app) : AttemptLimitTests(app), IClassFixture<AttemptLimitTests.SqliteLimited>;
public sealed class AttemptLimitTests_Postgres(AttemptLimitTests.PostgresLimited app) : AttemptLimitTests(app), IClassFixture<AttemptLimitTests.PostgresLimited>;
