using System.Globalization;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Events.Pages;

/// <summary>
/// /events: the search form (GET, so a search is a link to share or bookmark), the list (works without
/// script) and the map over it (progressive: events-map.js reads the map API with the same filters).
/// </summary>
public class FindModel(EventSearch search, AppDbContext db, IOptions<EventMapOptions> mapOptions) : FormPage
{
    public EventQuery Query { get; protected set; } = new();
    public EventSearch.Criteria? Criteria { get; protected set; }
    public Page<EventSummary>? Results { get; protected set; }
    public EventMapOptions Map => mapOptions.Value;
    /// <summary>The ZIP came from the member's profile, not the form.</summary>
    public bool FromProfile { get; private set; }
    protected virtual string Path => "/events";
    protected virtual int? ListSize => null;

    public async Task OnGetAsync(string? zip, string? miles, string? from, string? to, string? kind, string? q, string? campaign, string? online,
        string? sort, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        ModelState.Clear(); // a word where a number goes is the visitor's typo: the search says what to fix
        if (Path == "/events" && !Request.Query.ContainsKey("zip") && User.MemberId() is { } me
            && await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.Zip).SingleOrDefaultAsync(ct) is { Length: > 0 } mine)
            (zip, FromProfile) = (mine, true);
        Query = new EventQuery { Zip = zip, Miles = miles, From = from, To = to, Kind = kind, Q = q, Campaign = campaign, Online = online,
            Sort = sort, Page = pageNumber, PageSize = ListSize };
        var (criteria, errors) = await search.ReadAsync(Query, ct);
        errors.CopyTo(ModelState);
        Criteria = criteria;
        if (criteria is not null) Results = await search.ListAsync(criteria, ct);
        EventPageHeaders.AllowTiles(HttpContext, Map);
    }

    /// <summary>The filters as a query string (for the pager, the map API, the embed code), without the page.</summary>
    public string Filters(int? page = null)
    {
        var args = new Dictionary<string, string?> { ["zip"] = Query.Zip, ["miles"] = Query.Miles, ["from"] = Query.From, ["to"] = Query.To,
            ["kind"] = Query.Kind, ["q"] = Query.Q, ["campaign"] = Query.Campaign, ["online"] = Query.Online, ["sort"] = Query.Sort,
            ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null };
        return QueryHelpers.AddQueryString("", args.Where(a => !string.IsNullOrWhiteSpace(a.Value)));
    }

    public string PageLink(int page) => Path + Filters(page);

    /// <summary>Where the map starts: the ZIP searched from, else the lower 48.</summary>
    public (double Lat, double Lng, int Zoom) MapStart => Criteria?.Origin is { } o
        ? (o.Latitude, o.Longitude, Criteria.Miles <= 10 ? 10 : Criteria.Miles <= 25 ? 9 : Criteria.Miles <= 50 ? 8 : Criteria.Miles <= 100 ? 7 : 6)
        : (39.5, -98.35, 3);

    public static string When(EventSummary e, IStringLocalizer l)
    {
        var culture = CultureInfo.CurrentCulture;
        return $"{e.StartsLocal.ToString("ddd d MMM yyyy", culture)}, {e.StartsLocal.ToString("t", culture)} ({EventNames.Zone(e.TimeZone, l)})";
    }
}

/// <summary>What the events pages change in the site's security headers.</summary>
public static class EventPageHeaders
{
    /// <summary>A configured tile server's images may load (the site's policy allows only its own otherwise).</summary>
    public static void AllowTiles(HttpContext http, EventMapOptions map)
    {
        if (map.TileOrigin() is not { } origin) return;
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        if (csp.Length > 0) http.Response.Headers.ContentSecurityPolicy = csp.Replace("img-src 'self' data:", $"img-src 'self' data: {origin}");
    }

    /// <summary>
    /// The embed is made to be framed by partners' sites: frame-ancestors from Events:EmbedAncestors, no
    /// X-Frame-Options. Every other page keeps frame-ancestors 'none' (ServiceDefaults).
    /// </summary>
    public static void AllowFraming(HttpContext http, EventMapOptions map)
    {
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        var ancestors = string.IsNullOrWhiteSpace(map.EmbedAncestors) ? "*" : map.EmbedAncestors.Trim().Replace(";", "");
        if (csp.Length > 0) http.Response.Headers.ContentSecurityPolicy = csp.Replace("frame-ancestors 'none'", "frame-ancestors " + ancestors);
        http.Response.Headers.Remove("X-Frame-Options");
    }
}
