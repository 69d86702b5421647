using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grassroots.CrashTest;

/// <summary>The few API calls the crash test makes, each recording what the client heard.</summary>
public sealed class Api(HttpClient http)
{
    public HttpClient Http => http;

    public static HttpClient NewClient(string baseUrl, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    private static HttpRequestMessage Post(string path, string token, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task<JsonElement> PostJsonAsync(string path, string? token, object body, CancellationToken ct)
    {
        using var request = Post(path, token ?? "", body);
        if (token is null) request.Headers.Authorization = null;
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends the pledge; fills in the status and pledge, or leaves them empty when no answer came (the app died).</summary>
    public async Task PledgeAsync(PledgeAttempt a, string token)
    {
        using var request = Post($"/api/projects/{a.ProjectId}/needs/{a.NeedId}/pledges", token, new { amount = a.Amount });
        request.Headers.Add("Idempotency-Key", a.Key);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var pledge = JsonDocument.Parse(text).RootElement;
                a.PledgeId = pledge.GetProperty("id").GetGuid();
                a.PledgeStatus = pledge.GetProperty("status").ToString();
            }
            a.Status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // No answer: the request may or may not have been committed. The final retry finds out.
        }
    }

    public async Task ChangeAsync(PledgeChange c, string token)
    {
        using var request = Post($"/api/projects/{c.ProjectId}/pledges/{c.PledgeId}/{c.Action}", token, null);
        try
        {
            using var response = await http.SendAsync(request);
            c.Status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
    }

    public async Task MessageAsync(MessagePost m, Guid groupId, string token, int n)
    {
        using var request = Post($"/api/groups/{groupId}/messages", token, new { subject = $"Crash test message {n}", body = "Counting what survives a crash." });
        try
        {
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
                m.Recipients = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("recipients").GetInt32();
            m.Status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
    }
}
