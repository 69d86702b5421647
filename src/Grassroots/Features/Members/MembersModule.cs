using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Members;

public static class MembersModule
{
    /// <summary>Accounts: ASP.NET Core Identity with cookies for pages and bearer tokens for the API.</summary>
    public static IHostApplicationBuilder AddMembers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        const string smart = "cookie-or-bearer";
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = smart;
                o.DefaultChallengeScheme = smart;
            })
            .AddPolicyScheme(smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = "grassroots";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            // The API answers 401/403; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403);
        });
        services.AddAuthorization();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");

        services.AddSingleton<IEmailSender<Member>, MemberEmails>();
        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3; // passkeys
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers the default SignInManager and would replace ours.
            .AddSignInManager<MemberSignIn>();

        services.AddScoped<Pages.AccountLinks>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<DataExport>();
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Identity's endpoints throw on a null email or password (e.g. {"email":null}); that is the
    /// caller's mistake, so it is answered as one.
    /// </summary>
    private static async ValueTask<object?> MissingFieldsAreBadRequests(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        try
        {
            return await next(ctx);
        }
        catch (ArgumentException ex)
        {
            var field = string.IsNullOrEmpty(ex.ParamName) ? "body" : ex.ParamName;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"'{field}' is required."] });
        }
    }

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        // Identity's own endpoints: register, login (cookie or bearer), refresh, confirmEmail, forgot/resetPassword, manage/info.
        app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(ServiceDefaults.AuthLimit)
            .AddEndpointFilter(MissingFieldsAreBadRequests).MapIdentityApi<Member>();
        app.MapMeApi();
        app.MapPasskeys();
        return app;
    }
}
