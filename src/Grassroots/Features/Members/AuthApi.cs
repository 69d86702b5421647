using System.Globalization;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

public sealed record Notice(string Detail);
public sealed record AccountInfo(string Email, bool IsEmailConfirmed);
/// <summary>After confirming: this client's device token, to send with its sign-ins.</summary>
public sealed record ConfirmedView(string DeviceToken);

/// <summary>
/// The account API: the same use cases, rules and limits as the pages (<see cref="Registering"/>,
/// <see cref="SigningIn"/>, <see cref="Passwords"/>, <see cref="LinkRequests"/>), answering JSON.
/// Links in emails lead to the pages; an app that receives them can post their userId and code here instead.
/// </summary>
public static class AuthApi
{
    private const string CheckEmail = "Check your email: we sent a link there.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        // Attempts are counted by each use case (AuthAttempts), once it knows the account.
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");

        auth.MapPost("/register", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            SignUpInput input, HttpContext http, Registering registering, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            var errors = await registering.RegisterAsync(input, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, null, ct);
            return errors.IsEmpty ? TypedResults.Ok(new Notice(CheckEmail)) : ApiResults.Invalid(errors);
        }).WithSummary("Join: sends a link that confirms the address and sets the password")
          .WithDescription("The answer is the same, in the same time, whether or not the address already has an account (its owner is emailed instead). " +
                           "The password is optional: the one chosen when the link is opened replaces it, so whoever proves the mailbox holds the account.");

        auth.MapPost("/login", async Task<Results<Ok<TokenView>, ValidationProblem, ProblemHttpResult>> (
            SignInInput input, HttpContext http, SigningIn signingIn, MemberSignIn signIn, TrustedDevices devices, IStringLocalizer<SharedResource> l) =>
        {
            var errors = AccountRules.SignIn(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            var (outcome, member) = await signingIn.CheckPasswordAsync(http, input.Email!, input.Password!, input.DeviceToken);
            if (outcome == SignInOutcome.TooManyAttempts) return ApiResults.TooManyAttempts(http);
            if (outcome != SignInOutcome.SignedIn)
                return TypedResults.Problem(statusCode: 401, title: "Not signed in", detail: SignInMessages.Explain(outcome, l));
            return TypedResults.Ok(await signIn.IssueTokensAsync(member!, devices.Remember(input.DeviceToken, member!)));
        }).WithSummary("Sign in: a bearer access token, a refresh token and this device's token")
          .WithDescription("Send the deviceToken back with later sign-ins from the same device: after five failed attempts on an address " +
                           "from unknown devices, those are paused for 15 minutes while known devices still sign in; a known device also has " +
                           "its own attempt budget, whatever others do from its address.");

        auth.MapPost("/refresh", async Task<Results<Ok<TokenView>, ProblemHttpResult>> (RefreshInput input, HttpContext http, AuthAttempts attempts, MemberSignIn signIn) =>
        {
            if (!attempts.AllowFromAddress(http)) return ApiResults.TooManyAttempts(http);
            return await signIn.RefreshAsync(input.RefreshToken) is { } member
                ? TypedResults.Ok(await signIn.IssueTokensAsync(member, null))
                : TypedResults.Problem(statusCode: 401, title: "Sign in again",
                    detail: "This refresh token has expired or was ended: deleting the account, changing or resetting the password ends every token.");
        }).WithSummary("New tokens for a refresh token that is still valid");

        auth.MapPost("/confirmEmail", async Task<Results<Ok<ConfirmedView>, ValidationProblem, ProblemHttpResult>> (
            LinkPasswordInput input, HttpContext http, Passwords passwords, TrustedDevices devices, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (!attempts.Allow(http, input.UserId)) return ApiResults.TooManyAttempts(http);
            var (errors, member) = await passwords.ConfirmAsync(input, ct);
            // Proving the mailbox makes this client a known device: strangers' failures before it was confirmed don't stop it.
            return errors.IsEmpty ? TypedResults.Ok(new ConfirmedView(devices.Remember(null, member!))) : ApiResults.Invalid(errors);
        }).WithSummary("Confirm the address with the link's userId and code, and choose the password")
          .WithDescription("Every earlier token and session of the account ends. Then sign in with the new password, sending the deviceToken returned here.");

        auth.MapPost("/resendConfirmationEmail", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            EmailInput input, HttpContext http, LinkRequests links, AuthAttempts attempts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = AccountRules.EmailOnly(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            await links.SendConfirmationAsync(input.Email!, null, ct);
            return TypedResults.Ok(new Notice(CheckEmail));
        }).WithSummary("Send a new confirmation link (the same answer, in the same time, for any address)");

        auth.MapPost("/forgotPassword", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            EmailInput input, HttpContext http, LinkRequests links, AuthAttempts attempts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = AccountRules.EmailOnly(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            await links.SendResetAsync(input.Email!, ct);
            return TypedResults.Ok(new Notice(CheckEmail));
        }).WithSummary("Email a link to choose a new password (the same answer, in the same time, for any address)");

        auth.MapPost("/resetPassword", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            LinkPasswordInput input, HttpContext http, Passwords passwords, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (!attempts.Allow(http, input.UserId)) return ApiResults.TooManyAttempts(http);
            var (errors, _) = await passwords.ResetAsync(input, ct);
            return errors.IsEmpty ? TypedResults.NoContent() : ApiResults.Invalid(errors);
        }).WithSummary("Choose a new password with the reset link's userId and code")
          .WithDescription("Every earlier token and session of the account ends.");

        auth.MapGet("/manage/info", async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> (HttpContext http, UserManager<Member> users) =>
            await users.GetUserAsync(http.User) is { DeletedAt: null } m ? TypedResults.Ok(new AccountInfo(m.Email!, m.EmailConfirmed)) : ApiResults.NotFound())
            .RequireAuthorization().WithSummary("The signed-in account's address");

        auth.MapPost("/manage/password", async Task<Results<Ok<TokenView>, ValidationProblem, ProblemHttpResult>> (
            ChangePasswordInput input, HttpContext http, UserManager<Member> users, Passwords passwords, MemberSignIn signIn, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(http.User) is not { DeletedAt: null } member) return ApiResults.NotFound();
            if (!attempts.Allow(http, member.Id.ToString())) return ApiResults.TooManyAttempts(http);
            var errors = await passwords.ChangeAsync(member, input, ct);
            return errors.IsEmpty ? TypedResults.Ok(await signIn.IssueTokensAsync(member, null)) : ApiResults.Invalid(errors);
        }).RequireAuthorization().WithSummary("Change my password: every other session and token ends; this client gets new tokens");

        return app;
    }
}
