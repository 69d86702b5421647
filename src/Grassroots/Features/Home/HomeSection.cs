using System.Security.Claims;

namespace Grassroots.Features.Home;

/// <summary>A part of a signed-in member's home page that a feature shows, rendered by that feature's partial.</summary>
public sealed record HomeSection(string Partial, object Model);

/// <summary>
/// Features add to a member's home page through this, so Home reads no feature's tables: Groups shows
/// "my groups", Projects "my projects and pledges" and "Projects that need you", Notices what happened.
/// </summary>
public interface IHomeSection
{
    /// <summary>Where on the page, top to bottom.</summary>
    int Order { get; }
    Task<HomeSection?> LoadAsync(ClaimsPrincipal member, CancellationToken ct);
}
