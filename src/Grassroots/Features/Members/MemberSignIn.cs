using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace Grassroots.Features.Members;

/// <summary>The API's answer to a sign-in: a bearer access token, a refresh token, and this device's token.</summary>
public sealed record TokenView(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken, string? DeviceToken);

/// <summary>
/// Identity's sign-in, noting when a member last signed in. Every way in (password or passkey on
/// the pages, the confirmation page, API tokens and their refresh) passes through
/// <see cref="SignInWithClaimsAsync"/> or <see cref="IssueTokensAsync"/>, the two places that record it.
/// </summary>
public sealed class MemberSignIn(UserManager<Member> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Member> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Member>> log, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation, TimeProvider clock, IOptionsMonitor<BearerTokenOptions> bearer)
    : SignInManager<Member>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await NoteSignInAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>
    /// Bearer tokens for the API, minted as Identity's bearer handler mints them (same protectors,
    /// so the handler reads them) but returned by our endpoint, which adds the device token.
    /// </summary>
    public async Task<TokenView> IssueTokensAsync(Member user, string? deviceToken)
    {
        await NoteSignInAsync(user);
        var principal = await CreateUserPrincipalAsync(user);
        var o = bearer.Get(IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var access = o.BearerTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + o.BearerTokenExpiration }, $"{IdentityConstants.BearerScheme}:AccessToken"));
        var refresh = o.RefreshTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + o.RefreshTokenExpiration }, $"{IdentityConstants.BearerScheme}:RefreshToken"));
        return new TokenView("Bearer", access, (long)o.BearerTokenExpiration.TotalSeconds, refresh, deviceToken);
    }

    /// <summary>
    /// The member a refresh token stands for, while it has not expired and its security stamp still
    /// matches (a deletion, a password change or a reset since then ends it), else null.
    /// </summary>
    public async Task<Member?> RefreshAsync(string? refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > 8000) return null;
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return null;
        return await ValidateSecurityStampAsync(ticket.Principal) is { DeletedAt: null } member ? member : null;
    }

    private async Task NoteSignInAsync(Member user)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
    }
}
