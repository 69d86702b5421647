using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// Who may read /metrics (request counts, timings and the movement's own counters are not for
/// everyone): the machine itself, the networks named in Metrics:AllowedNetworks, or a scraper
/// that presents Metrics:BearerToken. Everyone else gets the ordinary "not found".
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    /// <summary>Networks in CIDR notation that may scrape, e.g. ["10.0.0.0/8"]; loopback always may.</summary>
    public string[] AllowedNetworks { get; set; } = [];
    /// <summary>A secret a scraper sends as "Authorization: Bearer …" from anywhere.</summary>
    public string? BearerToken { get; set; }

    internal Func<HttpContext, bool> Allows()
    {
        var networks = AllowedNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new InvalidOperationException($"{Section}:AllowedNetworks: \"{n}\" is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToArray();
        var token = string.IsNullOrEmpty(BearerToken) ? null : Encoding.UTF8.GetBytes(BearerToken);
        return http =>
        {
            if (http.Connection.RemoteIpAddress is { } ip)
            {
                if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
                // A request a proxy relayed (an X-Forwarded-For left unprocessed because the proxy
                // is not configured) is from the outside even though it arrives from loopback.
                if (IPAddress.IsLoopback(ip) && !http.Request.Headers.ContainsKey("X-Forwarded-For")) return true;
                if (networks.Any(n => n.Contains(ip))) return true;
            }
            var header = http.Request.Headers.Authorization.ToString();
            return token is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), token);
        };
    }
}
