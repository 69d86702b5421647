using System.Net;
using System.Net.Http.Json;

namespace Grassroots.Tests.Infrastructure;

/// <summary>What operators and partners rely on: health, metrics, the OpenAPI document and its reader.</summary>
public abstract class HostEndpointsTests(AppFactory app)
{
    [Fact]
    public async Task Health_answers_live_and_ready_with_the_database_checked()
    {
        var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Metrics_count_requests_and_the_movements_own_events()
    {
        var (_, member) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync("/api/groups", new { name = $"Metered {Guid.NewGuid():N}"[..20], kind = "Issue" })).StatusCode);
        var local = app.CreateClient();
        local.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "127.0.0.1"); // /metrics is for the machine itself (MetricsAccessTests)
        var metrics = await local.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("grassroots_groups_founded", metrics);
    }

    [Fact]
    public async Task The_api_is_described_and_readable()
    {
        var client = app.CreateClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/groups/{id}/join", doc);
        Assert.Contains("/api/me", doc);
        var reader = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Contains("scalar", await reader.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy()
    {
        var response = await app.CreateClient().GetAsync("/groups");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class HostEndpointsTests_Sqlite(SqliteApp app) : HostEndpointsTests(app), IClassFixture<SqliteApp>;
public sealed class HostEndpointsTests_Postgres(PostgresApp app) : HostEndpointsTests(app), IClassFixture<PostgresApp>;
