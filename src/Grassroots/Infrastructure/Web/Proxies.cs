using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// The reverse proxies (nginx, a load balancer) whose X-Forwarded-For and X-Forwarded-Proto are
/// believed. Anyone can send those headers, so they are honoured only from these addresses;
/// with none configured the connection's own address counts (rate limits, /metrics access).
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";
    /// <summary>Proxy addresses, e.g. ["127.0.0.1"] for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR notation, e.g. ["10.0.0.0/8"].</summary>
    public string[] KnownNetworks { get; set; } = [];

    public void ApplyTo(ForwardedHeadersOptions o)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The framework trusts loopback by default; here only what the operator names is trusted.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var p in KnownProxies)
            o.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip
                : throw new InvalidOperationException($"{Section}:KnownProxies: \"{p}\" is not an IP address."));
        foreach (var n in KnownNetworks)
            o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(n, out var net) ? net
                : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{n}\" is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        // Walk back through every trusted proxy in the chain; stop at the first address that is not one.
        o.ForwardLimit = null;
    }
}
