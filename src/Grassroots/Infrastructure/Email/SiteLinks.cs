using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// The one builder of links in emails (they must be absolute). The site's public address comes
/// from Email:PublicBaseUrl, which Production requires; elsewhere, from the first address the
/// server listens on. Never from the request: its Host header is whatever the sender wrote, and a
/// reset link pointing at an attacker's host hands them the reset code.
/// </summary>
public sealed class SiteLinks(IOptions<EmailOptions> options, IServer server)
{
    public string To(string path) => Base() + path;

    private string Base() =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } listening ? Reachable(listening)
        : "http://localhost:5000";

    /// <summary>A wildcard listening address ("http://[::]:8080", "http://+:80") is not a place to link to: localhost is.</summary>
    private static string Reachable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var host = uri.Host is "[::]" or "0.0.0.0" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>Email:PublicBaseUrl, when set, must be an absolute http(s) address.</summary>
    public static bool IsValidBaseUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query);
}
