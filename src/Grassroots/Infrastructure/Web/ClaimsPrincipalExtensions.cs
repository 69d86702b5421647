using System.Security.Claims;

namespace Grassroots.Infrastructure.Web;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in member's id, or null for a visitor.</summary>
    public static Guid? MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid RequiredMemberId(this ClaimsPrincipal user) =>
        user.MemberId() ?? throw new InvalidOperationException("Endpoint requires an authenticated member.");
}

public static class MemberPrincipal
{
    /// <summary>A member acting outside a request (the demo seed, a background job), for the same use cases and policies.</summary>
    public static ClaimsPrincipal Acting(Guid memberId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, memberId.ToString())], authenticationType: "internal"));
}
