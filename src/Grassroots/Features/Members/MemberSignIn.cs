using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace Grassroots.Features.Members;

/// <summary>
/// Identity's sign-in, noting when a member last signed in. Every way in (password, passkey,
/// confirmation link, API token) passes through <see cref="SignInWithClaimsAsync"/>, so this is
/// the one place that records it.
/// </summary>
public sealed class MemberSignIn(UserManager<Member> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Member> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Member>> log, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation, TimeProvider clock)
    : SignInManager<Member>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}
