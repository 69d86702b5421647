using System.Globalization;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

public sealed record Notice(string Detail);
public sealed record AccountInfo(string Email, bool IsEmailConfirmed);

/// <summary>
/// The account API: the same use cases, rules and limits as the pages (<see cref="Registering"/>,
/// <see cref="SigningIn"/>, <see cref="Passwords"/>), answering JSON. Links in emails lead to the
/// pages; an app that receives them can post their userId and code here instead.
/// </summary>
public static class AuthApi
{
    private const string CheckEmail = "Check your email: we sent a link there.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(ServiceDefaults.AuthLimit);

        auth.MapPost("/register", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            SignUpInput input, HttpContext http, Registering registering, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            var errors = await registering.RegisterAsync(input, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct);
            return errors.IsEmpty ? TypedResults.Ok(new Notice(CheckEmail)) : ApiResults.Invalid(errors);
        }).WithSummary("Join: sends a link that confirms the address and sets the password")
          .WithDescription("The answer is the same whether or not the address already has an account (its owner is emailed instead). " +
                           "The password is chosen again when the link is opened: whoever proves the mailbox holds the account.");

        auth.MapPost("/login", async Task<Results<Ok<TokenView>, ValidationProblem, ProblemHttpResult>> (
            SignInInput input, HttpContext http, SigningIn signingIn, MemberSignIn signIn, TrustedDevices devices, AuthAttempts attempts,
            IStringLocalizer<SharedResource> l) =>
        {
            var errors = AccountRules.SignIn(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            var (outcome, member) = await signingIn.CheckPasswordAsync(input.Email!, input.Password!, input.DeviceToken);
            if (outcome != SignInOutcome.SignedIn)
                return TypedResults.Problem(statusCode: 401, title: "Not signed in", detail: SignInMessages.Explain(outcome, l));
            return TypedResults.Ok(await signIn.IssueTokensAsync(member!, devices.Remember(input.DeviceToken, member!.Id)));
        }).WithSummary("Sign in: a bearer access token, a refresh token and this device's token")
          .WithDescription("Send the deviceToken back with later sign-ins from the same device: after five failed attempts on an address " +
                           "from unknown devices, those are paused for 15 minutes while known devices still sign in.");

        auth.MapPost("/refresh", async Task<Results<Ok<TokenView>, ProblemHttpResult>> (RefreshInput input, MemberSignIn signIn) =>
            await signIn.RefreshAsync(input.RefreshToken) is { } member
                ? TypedResults.Ok(await signIn.IssueTokensAsync(member, null))
                : TypedResults.Problem(statusCode: 401, title: "Sign in again",
                    detail: "This refresh token has expired or was ended: deleting the account, changing or resetting the password ends every token."))
            .WithSummary("New tokens for a refresh token that is still valid");

        auth.MapPost("/confirmEmail", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            LinkPasswordInput input, HttpContext http, Passwords passwords, AuthAttempts attempts, CancellationToken ct) =>
        {
            if (!attempts.Allow(http, input.UserId)) return ApiResults.TooManyAttempts(http);
            var (errors, _) = await passwords.ConfirmAsync(input, ct);
            return errors.IsEmpty ? TypedResults.NoContent() : ApiResults.Invalid(errors);
        }).WithSummary("Confirm the address with the link's userId and code, and choose the password")
          .WithDescription("Every earlier token and session of the account ends. Then sign in with the new password.");

        auth.MapPost("/resendConfirmationEmail", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            EmailInput input, HttpContext http, UserManager<Member> users, MemberEmails emails, AuthAttempts attempts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = AccountRules.EmailOnly(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            if (await users.FindByEmailAsync(input.Email!.Trim()) is { EmailConfirmed: false, DeletedAt: null } member)
                await emails.SendConfirmationAsync(member, ct);
            return TypedResults.Ok(new Notice(CheckEmail));
        }).WithSummary("Send a new confirmation link (the same answer for any address)");

        auth.MapPost("/forgotPassword", async Task<Results<Ok<Notice>, ValidationProblem, ProblemHttpResult>> (
            EmailInput input, HttpContext http, UserManager<Member> users, MemberEmails emails, AuthAttempts attempts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var errors = AccountRules.EmailOnly(input, l);
            if (!errors.IsEmpty) return ApiResults.Invalid(errors);
            if (!attempts.Allow(http, input.Email)) return ApiResults.TooManyAttempts(http);
            if (await users.FindByEmailAsync(input.Email!.Trim()) is { DeletedAt: null } member)
                await emails.SendResetAsync(member, ct);
            return TypedResults.Ok(new Notice(CheckEmail));
        }).WithSummary("Email a link to choose a new password (the same answer for any address)");

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
            ChangePasswordInput input, HttpContext http, UserManager<Member> users, Passwords passwords, MemberSignIn signIn, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(http.User) is not { DeletedAt: null } member) return ApiResults.NotFound();
            var errors = await passwords.ChangeAsync(member, input, ct);
            return errors.IsEmpty ? TypedResults.Ok(await signIn.IssueTokensAsync(member, null)) : ApiResults.Invalid(errors);
        }).RequireAuthorization().WithSummary("Change my password: every other session and token ends; this client gets new tokens");

        return app;
    }
}
