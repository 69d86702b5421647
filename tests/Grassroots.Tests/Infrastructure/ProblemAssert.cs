using System.Net;
using System.Text.Json;

namespace Grassroots.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts a 4xx problem+json answer and returns its field errors (empty when none).</summary>
    public static async Task<Dictionary<string, string[]>> IsProblemAsync(HttpResponseMessage response, HttpStatusCode? status = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (status is not null) Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (doc.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            foreach (var p in e.EnumerateObject())
                errors[p.Name] = p.Value.EnumerateArray().Select(x => x.GetString() ?? "").ToArray();
        return errors;
    }
}
