using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Grassroots.Infrastructure;

public static class InfrastructureModule
{
    /// <summary>Email outbox and sender, ZIP geocoding, audit log, safe user text, demo seed.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Links in account emails (reset, confirmation) must not depend on a request's Host header,
        // so Production refuses to start without the site's public address.
        var production = builder.Environment.IsProduction();
        services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => !production || !string.IsNullOrWhiteSpace(o.PublicBaseUrl),
                "Set Email:PublicBaseUrl (environment variable Email__PublicBaseUrl) to the site's public address, e.g. https://grassroots.example.org: " +
                "links in emails are built from it, and Production does not start without it.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || SiteLinks.IsValidBaseUrl(o.PublicBaseUrl),
                "Email:PublicBaseUrl must be an absolute http or https address, e.g. https://grassroots.example.org.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailDelivery>();
        services.AddScoped<Outbox>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton(_ => ZipCodes.LoadDefault());
        services.AddSingleton<UserText>();
        services.AddScoped<AuditLog>();
        services.AddScoped<DemoSeed>();

        // Sign-in cookies and API tokens are encrypted with keys that must outlive a restart (a
        // container's home folder does not) and be shared by every instance: they live next to the
        // database unless DataProtection:KeysPath points elsewhere (a shared volume when scaling out).
        var keys = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
            ? configured : Path.Combine(builder.Environment.ContentRootPath, "data", "keys");
        services.AddDataProtection().SetApplicationName("grassroots").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }
}
