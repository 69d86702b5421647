using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// The reverse proxies (nginx, a load balancer) whose X-Forwarded-For and X-Forwarded-Proto are
/// believed. Anyone can send those headers, so they are honoured only from these addresses;
/// with none configured they are ignored and the connection's own address counts (rate limits,
/// /metrics access).
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";
    /// <summary>Proxy addresses, e.g. ["127.0.0.1"] for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR notation, e.g. ["10.0.0.0/8"].</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>
    /// How many proxies a request passes through on its way in (the entries of X-Forwarded-For
    /// taken, right to left). Unset: one per configured proxy or network.
    /// </summary>
    public int? ForwardLimit { get; set; }

    public void ApplyTo(ForwardedHeadersOptions o)
    {
        // The framework trusts loopback by default; here only what the operator names is trusted.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        if (KnownProxies.Length == 0 && KnownNetworks.Length == 0)
        {
            // With both lists empty the middleware would believe anyone's headers (it checks the
            // sender only against a list that has entries): with no proxy, there is nothing to read.
            o.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var p in KnownProxies)
            o.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip
                : throw new InvalidOperationException($"{Section}:KnownProxies: \"{p}\" is not an IP address."));
        foreach (var n in KnownNetworks)
            o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(n, out var net) ? net
                : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{n}\" is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        // Walk back through the chain only as many hops as there are known proxies, and stop at the
        // first address that is not one: a client inside a known network (10.0.0.0/8 holds the load
        // balancer and perhaps the client too) must not get its own forged entries believed.
        var limit = ForwardLimit ?? KnownProxies.Length + KnownNetworks.Length;
        o.ForwardLimit = limit >= 1 ? limit
            : throw new InvalidOperationException($"{Section}:ForwardLimit must be at least 1 (the proxies a request passes through).");
    }
}
