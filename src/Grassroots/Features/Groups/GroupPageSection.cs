using System.Security.Claims;

namespace Grassroots.Features.Groups;

/// <summary>A part of a group's page that another feature shows (its projects; later its events), rendered by that feature's partial.</summary>
public sealed record GroupPageSection(string Partial, object Model);

/// <summary>
/// Features built on groups add to a group's page through this, so Groups never reads their tables:
/// Projects lists the group's projects, Events will list its events.
/// </summary>
public interface IGroupPageSection
{
    /// <summary>Where on the page, top to bottom.</summary>
    int Order { get; }
    Task<GroupPageSection?> LoadAsync(GroupView group, ClaimsPrincipal viewer, CancellationToken ct);
}
