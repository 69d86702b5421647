using System.Text.RegularExpressions;

namespace Grassroots.Features.Convention;

/// <summary>
/// A live stream address, and the player the page may embed for it. Only YouTube (through its no-cookie host) and
/// Vimeo are framed; the site's content security policy allows those two and nothing else, so any other https
/// address is shown as a link.
/// </summary>
public static partial class StreamEmbed
{
    public const string YouTubeHost = "https://www.youtube-nocookie.com";
    public const string VimeoHost = "https://player.vimeo.com";

    public static string? Problem(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps && u.Host.Length > 0 && url!.Trim().Length <= Assembly.MaxStreamUrlLength
            ? null : "not an https address";

    /// <summary>The player address to frame, or null when the stream is only linked.</summary>
    public static string? PlayerFor(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttps) return null;
        var host = u.Host.ToLowerInvariant();
        string? id = null;
        if (host is "youtu.be") id = u.AbsolutePath.Trim('/');
        else if (host is "youtube.com" or "www.youtube.com" or "m.youtube.com")
        {
            var q = System.Web.HttpUtility.ParseQueryString(u.Query);
            id = u.AbsolutePath == "/watch" ? q["v"] : YouTubePath().Match(u.AbsolutePath) is { Success: true } m ? m.Groups[1].Value : null;
        }
        if (id is not null) return YouTubeId().IsMatch(id) ? $"{YouTubeHost}/embed/{id}" : null;
        if (host is "vimeo.com" or "www.vimeo.com" && VimeoPath().Match(u.AbsolutePath) is { Success: true } v) return $"{VimeoHost}/video/{v.Groups[1].Value}";
        return null;
    }

    [GeneratedRegex(@"^/(?:live|embed|shorts)/([^/]+)/?$")] private static partial Regex YouTubePath();
    [GeneratedRegex(@"^[A-Za-z0-9_-]{6,20}$")] private static partial Regex YouTubeId();
    [GeneratedRegex(@"^/(\d{1,12})/?$")] private static partial Regex VimeoPath();
}
