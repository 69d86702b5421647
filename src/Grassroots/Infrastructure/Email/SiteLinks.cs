using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grassroots.Infrastructure.Email;

/// <summary>
/// Links in emails must be absolute. The site's public address comes from Email:PublicBaseUrl;
/// without it, the address of the request that caused the email, or (for background jobs such as
/// the digest) the first address the server listens on.
/// </summary>
public sealed class SiteLinks(IOptions<EmailOptions> options, IHttpContextAccessor http, IServer server)
{
    public string To(string path) => Base() + path;

    private string Base() =>
        options.Value.PublicBaseUrl?.TrimEnd('/')
        ?? (http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}" : null)
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
