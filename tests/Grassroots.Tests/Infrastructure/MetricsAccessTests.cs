using System.Net;

namespace Grassroots.Tests.Infrastructure;

/// <summary>/metrics is for the machine itself, a configured network, or a scraper with the configured token.</summary>
public sealed class MetricsAccessTests : IClassFixture<MetricsAccessTests.MetricsApp>
{
    public sealed class MetricsApp() : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Metrics:AllowedNetworks:0"] = "10.20.0.0/16",
            ["Metrics:BearerToken"] = "scrape-secret-123",
        };
    }

    private readonly MetricsApp _app;
    public MetricsAccessTests(MetricsApp app) => _app = app;

    private async Task<HttpResponseMessage> ScrapeAsync(string address, string? token = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(AppFactory.PeerHeader, address);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Loopback_and_the_configured_network_may_scrape()
    {
        var local = await ScrapeAsync("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("# TYPE", await local.Content.ReadAsStringAsync()); // the Prometheus text format
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("::1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("10.20.3.4")).StatusCode);
    }

    [Fact]
    public async Task Anyone_else_needs_the_token()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("10.21.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9", "wrong-token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("203.0.113.9", "scrape-secret-123")).StatusCode);
        // Relayed by a proxy on this machine that is not configured as one: from the outside, not loopback.
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("127.0.0.1", forwardedFor: "203.0.113.9")).StatusCode);
        // With no proxy configured, claiming to be the machine itself or the allowed network is no key.
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9", forwardedFor: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("203.0.113.9", forwardedFor: "10.20.3.4")).StatusCode);
    }
}
