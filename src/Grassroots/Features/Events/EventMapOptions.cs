namespace Grassroots.Features.Events;

/// <summary>
/// The events map's settings (section "Events"). Without a tile server the map draws its offline US basemap
/// (us-atlas states) and needs nothing from the internet.
/// </summary>
public sealed class EventMapOptions
{
    public const string Section = "Events";

    /// <summary>A Leaflet tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty: the offline basemap only.</summary>
    public string TileUrl { get; set; } = "";
    /// <summary>The tile server's required attribution (HTML-free text), e.g. "© OpenStreetMap contributors".</summary>
    public string TileAttribution { get; set; } = "";
    /// <summary>Who may show /events/embed in a frame: a Content-Security-Policy frame-ancestors source list ("*": any site).</summary>
    public string EmbedAncestors { get; set; } = "*";
    /// <summary>
    /// How old, in seconds, the map's unfiltered counts may be (EventMapCounts: one pass over the listed events,
    /// then served from memory and counted again in the background); 0: counted afresh on every request.
    /// </summary>
    public int MapCountsSeconds { get; set; } = 30;

    /// <summary>The tile server's origin for img-src (its {s} subdomains as a wildcard); null when none is set or it is not http(s).</summary>
    public string? TileOrigin()
    {
        if (string.IsNullOrWhiteSpace(TileUrl)) return null;
        var probe = TileUrl.Trim().Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0").Replace("{r}", "");
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp)) return null;
        var host = TileUrl.Contains("{s}") ? "*." + u.Host.Split('.', 2)[^1] : u.Host;
        return $"{u.Scheme}://{host}{(u.IsDefaultPort ? "" : ":" + u.Port)}";
    }
}
