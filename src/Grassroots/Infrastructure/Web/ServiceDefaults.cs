using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Grassroots.Infrastructure.Web;

/// <summary>What every feature relies on: errors as problem+json, health, telemetry, rate limits, languages, API docs.</summary>
public static class ServiceDefaults
{
    public const string WriteLimit = "writes";
    /// <summary>Uploads read whole on the request, per caller per hour (<see cref="RateLimitOptions.UploadsPerHour"/>).</summary>
    public const string UploadLimit = "uploads";
    public static readonly CultureInfo[] Cultures = [new("en"), new("es")];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GrassrootsMetrics>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Let binding failures (malformed JSON, a string where a number goes) reach the handler
        // above, which answers 400 problem+json saying what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Text.StripControlCharactersConverter());
        });
        // PostConfigure: the framework adds its value providers when pages are added, after this
        // line; a Configure here ran on an empty list and wrapped nothing.
        services.PostConfigure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            for (var i = 0; i < o.ValueProviderFactories.Count; i++)
                o.ValueProviderFactories[i] = new Text.StripControlCharactersValueProviderFactory(o.ValueProviderFactories[i]);
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // The member's choice (cookie, set from their profile), then ?culture=, then the browser.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddHealthChecks();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("grassroots"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(GrassrootsMetrics.MeterName).AddPrometheusExporter())
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health")));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<AuthAttempts>();
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-up, sign-in and the links are counted by the use cases themselves (AuthAttempts):
            // only they know the account, and whether the request comes from a device it knows.
            o.AddPolicy(WriteLimit, ctx => IsRead(ctx)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(Caller(ctx), caller => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = caller.StartsWith("u:", StringComparison.Ordinal) ? limits.WritesPerMinute : limits.AnonymousWritesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            o.AddPolicy(UploadLimit, ctx => IsRead(ctx)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetFixedWindowLimiter(Caller(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.UploadsPerHour,
                    Window = TimeSpan.FromHours(1),
                }));
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                await TooManyRequests(ctx.HttpContext, retry);
            };
        });

        var proxies = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(proxies.ApplyTo);
        services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));

        services.AddOutputCache();
        services.AddOpenApi();
        return builder;
    }

    private static bool IsRead(HttpContext ctx) => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method);

    /// <summary>
    /// 429 with Retry-After: problem+json for the API; for pages no body, so the status-code page
    /// says it in the visitor's language.
    /// </summary>
    private static async Task TooManyRequests(HttpContext http, int retryAfterSeconds = 60)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
            await TypedResults.Problem(statusCode: 429, title: "Too many requests",
                detail: retryAfterSeconds <= 90 ? "You sent too many requests in a short time. Wait a minute and try again."
                    : $"You reached this hour's limit. Try again in about {(retryAfterSeconds + 59) / 60} minutes.").ExecuteAsync(http);
    }

    private static string Caller(HttpContext ctx) =>
        ctx.User.Identity?.IsAuthenticated == true ? "u:" + ctx.User.Identity.Name : "ip:" + ctx.Connection.RemoteIpAddress;

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // First, so that everything after sees the client's address (from configured proxies only).
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        // API errors without a body get a problem+json body; pages get a friendly page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRequestLocalization();
        app.Use(SecurityHeaders);
        return app;
    }

    /// <summary>
    /// Pages run only our own scripts and styles, so a strict policy costs nothing and stops
    /// injected markup from running even if the sanitizer ever misses something. The API reader
    /// (/api/docs, a third-party bundle with inline code) keeps the browser's defaults.
    /// </summary>
    private static Task SecurityHeaders(HttpContext ctx, Func<Task> next)
    {
        var h = ctx.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "same-origin";
        if (!ctx.Request.Path.StartsWithSegments("/api/docs"))
        {
            h.XFrameOptions = "DENY";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; " +
                // An assembly's live stream: the two players it embeds, and nothing else framed.
                $"frame-src {Grassroots.Features.Convention.StreamEmbed.YouTubeHost} {Grassroots.Features.Convention.StreamEmbed.VimeoHost}";
        }
        return next();
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        // Only for loopback, Metrics:AllowedNetworks or Metrics:BearerToken; others fall through to "not found".
        var metricsAllowed = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.Allows();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Request.Path == "/metrics" && metricsAllowed(ctx));
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Grassroots API"));
        return app;
    }
}

/// <summary>Turns exceptions into problem+json: a bad request says what was wrong; anything else is logged.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid", bad.InnerException is System.Text.Json.JsonException json
                ? $"{bad.Message} {json.Message}" : bad.Message),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "Client closed request", ""),
            _ when Overloaded(exception) => (503, "Busy right now", "The database is busy: nothing you sent was stored unless you received a success answer. Try again in a few seconds (retried writes with the same Idempotency-Key count once)."),
            _ => (500, "Something went wrong on our side", "The error was logged. Nothing you sent was stored unless you received a success answer; please try again."),
        };
        if (status == 503) log.LogWarning(exception, "The database was too busy for {Path}", http.Request.Path);
        else if (status >= 500) log.LogError(exception, "Unhandled exception for {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        if (!http.Request.Path.StartsWithSegments("/api") && status is < 500 or 503) return false;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// A database that could not keep up (a statement timed out waiting its turn, no connection left, SQLite's file
    /// stayed locked past its busy timeout) is a 503 to retry, not a bug: the write it refused was not stored.
    /// </summary>
    public static bool Overloaded(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState is "57014" or "53300" or "53400":
                case Npgsql.NpgsqlException { InnerException: TimeoutException }:
                case Npgsql.NpgsqlException npgsql when npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) && npgsql.Message.Contains("exhausted", StringComparison.OrdinalIgnoreCase):
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }
        return false;
    }
}
