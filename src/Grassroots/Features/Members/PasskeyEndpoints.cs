using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Members;

/// <summary>
/// The two WebAuthn option documents the browser asks for before it talks to the authenticator.
/// The credential it returns is posted with the page's form (antiforgery and all), where
/// Identity verifies it: <c>/me/passkeys</c> adds one, <c>/account/signin</c> signs in with one.
/// </summary>
public static class PasskeyEndpoints
{
    public static IEndpointRouteBuilder MapPasskeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account/passkey").ExcludeFromDescription().AddEndpointFilter(RequireAntiforgeryHeader);

        group.MapPost("/creation-options", async Task<Results<ContentHttpResult, UnauthorizedHttpResult>> (HttpContext http, UserManager<Member> users, SignInManager<Member> signIn) =>
        {
            if (await users.GetUserAsync(http.User) is not { DeletedAt: null } m) return TypedResults.Unauthorized();
            var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = m.Id.ToString(), Name = m.Email!, DisplayName = m.DisplayName });
            return TypedResults.Content(json, "application/json");
        });

        group.MapPost("/request-options", async Task<Results<ContentHttpResult, ProblemHttpResult>> (HttpContext http, SignInManager<Member> signIn, AuthAttempts attempts) =>
        {
            if (!attempts.AllowFromAddress(http)) return ApiResults.TooManyAttempts(http);
            // Never for a named account: options (and the state cookie that carries them) made for a
            // member differ from those for an unknown address, which told who has an account. Without
            // one, the browser offers every passkey it holds for this site (discoverable credentials).
            return TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");
        });
        return app;
    }

    private static async ValueTask<object?> RequireAntiforgeryHeader(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var antiforgery = ctx.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(ctx.HttpContext))
            return TypedResults.Problem(statusCode: 400, title: "Missing antiforgery token", detail: "Reload the page and try again.");
        return await next(ctx);
    }
}
