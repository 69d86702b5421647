using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Grassroots.Infrastructure.Web;

/// <summary>The resource a policy was asked about does not exist: the answer is "not found", not "refused".</summary>
public sealed class ResourceMissing(IAuthorizationHandler handler) : AuthorizationFailureReason(handler, "missing");

/// <summary>
/// Asks a feature's resource-based policy (ASP.NET Core authorization) and answers as a use case does:
/// not found, refused (with the reason the feature's handler gave, in the reader's language), or go
/// ahead. Every feature's permissions go through here, for pages and API alike; the same rules also
/// sit in the WHERE of the writes, so a permission lost between the check and the write changes nothing.
/// </summary>
public sealed class Access(IAuthorizationService authorization)
{
    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, object resource, string policy)
    {
        var result = await authorization.AuthorizeAsync(user, resource, policy);
        if (result.Succeeded) return Outcome.Ok;
        var reason = result.Failure?.FailureReasons.FirstOrDefault();
        return reason switch
        {
            ResourceMissing => Outcome.NotFound,
            { Message.Length: > 0 } => Outcome.Refused(reason.Message),
            _ => Outcome.Forbidden,
        };
    }

    /// <summary>True when the policy allows it (pages use it to show or hide a tool).</summary>
    public async Task<bool> CanAsync(ClaimsPrincipal user, object resource, string policy) =>
        (await authorization.AuthorizeAsync(user, resource, policy)).Succeeded;
}
