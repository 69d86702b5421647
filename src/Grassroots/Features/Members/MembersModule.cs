using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Members;

public static class MembersModule
{
    public const string CookieName = "grassroots";

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
            // The JSON API reads bearer tokens only: a browser attaches the sign-in cookie to any
            // site's request, and the API's writes (join, follow, pledge) carry no antiforgery token.
            // Pages (whose forms do) read the cookie, or a bearer token when one is sent.
            .AddPolicyScheme(smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api")
                || ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = CookieName;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            // The API answers 401/403; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403);
        });
        services.AddAuthorization();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");

        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The user name is the email, checked by AccountRules (an apostrophe or a letter with an accent is fine).
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = AccountRules.MinPasswordLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                // Read by SignInThrottle: five failures pause sign-ins from unknown devices for 15 minutes.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3; // passkeys
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<MemberSignIn>()
            .AddDefaultTokenProviders();

        services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
        services.AddSingleton<AlikeInTime>();
        services.AddMemoryCache();
        services.AddScoped<MemberEmails>();
        services.AddScoped<LinkRequests>();
        services.AddScoped<Registering>();
        services.AddScoped<SigningIn>();
        services.AddScoped<Passwords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TrustedDevices>();
        services.AddSingleton<StandInHash>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<DataExport>();
        services.AddScoped<Infrastructure.Data.IDemoSeedStep, DemoPeople>();
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

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapMeApi();
        app.MapPasskeys();
        return app;
    }
}
