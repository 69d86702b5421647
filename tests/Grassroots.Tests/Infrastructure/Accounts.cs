using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Account steps several tests take, done as a browser or an API client does them.</summary>
public static partial class Accounts
{
    public static HttpClient Browser(AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The sign-up form: no password (the confirmation link asks for it).</summary>
    public static Dictionary<string, string> SignUpForm(string email, string name = "Rosa Martínez", string zip = "19107") =>
        new() { ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Zip"] = zip };

    public static Dictionary<string, string> SignInForm(string email, string password = AppFactory.Password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    /// <summary>The path and query of the newest confirmation link mailed to <paramref name="email"/>, after <paramref name="previous"/> of them.</summary>
    public static async Task<string> ConfirmationLinkAsync(AppFactory app, string email, int previous = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var links = app.Smtp.Received.Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(email, StringComparison.OrdinalIgnoreCase)))
                .Select(m => ConfirmLink().Match(m.TextBody ?? "")).Where(m => m.Success).Select(m => new Uri(m.Value).PathAndQuery).ToList();
            if (links.Count > previous) return links[^1];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No confirmation link #{previous + 1} reached {email}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the link and chooses the password, as the mailbox owner does.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string link, string password = AppFactory.Password) =>
        Forms.SubmitAsync(browser, link, new Dictionary<string, string> { ["Password"] = password });

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = AppFactory.Password, string? deviceToken = null) =>
        await client.PostAsJsonAsync("/api/auth/login", new { email, password, deviceToken });

    public static async Task<Tokens> TokensAsync(HttpResponseMessage login)
    {
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return (await login.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public sealed record Tokens(string AccessToken, string RefreshToken, string? DeviceToken);

    public static (string UserId, string Code) LinkParts(string link)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        return (query["userId"]!, query["code"]!);
    }

    public static HttpClient WithToken(AppFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    [GeneratedRegex(@"https?://\S+/account/confirm\?\S+")]
    private static partial Regex ConfirmLink();
}
