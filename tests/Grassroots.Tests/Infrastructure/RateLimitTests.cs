using System.Net;
using System.Net.Http.Json;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Sign-in and API writes are rate limited per caller; the refusal says what to do.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedApp>
{
    /// <summary>Its own app (and limiter state) per test class, so one test's attempts don't spend the other's budget.</summary>
    public sealed class LimitedApp() : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimits:AuthPerMinute"] = "3",
            ["RateLimits:WritesPerMinute"] = "4",
        };
    }

    private readonly LimitedApp _app;
    public RateLimitTests(LimitedApp app) => _app = app;

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_a_problem_body()
    {
        var client = _app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.org", password = "wrong password" }));
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].StatusCode);
        var limited = answers.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Wait a minute", await limited.Content.ReadAsStringAsync());
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

    private async Task<string> MemberTokenAsync()
    {
        var (_, client) = await _app.MemberAsync();
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }
}
