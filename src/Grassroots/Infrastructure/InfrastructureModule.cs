using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace Grassroots.Infrastructure;

public static class InfrastructureModule
{
    /// <summary>Email outbox and sender, ZIP geocoding, audit log, safe user text, validators, demo seed.</summary>
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
        services.AddSingleton<UndeliverableMail>();
        services.AddScoped<Outbox>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton(_ => ZipCodes.LoadDefault());
        services.AddSingleton<UserText>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Web.Access>();
        services.AddScoped<DemoSeed>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.Filters.Add(new Web.UnknownHandlers());
            o.Filters.Add(new Web.UnreadableCheckboxes());
        });
        // Every feature's input validators (one per input, used by its pages and its API alike), built once: a rule on
        // a computed value (RuleFor(x => Clean(x.Text))) compiles its expression each time its validator is built, and
        // per request that cost a conversation vote 10–15 ms under load. The flag validator lists the flaggable kinds,
        // which read the database, so it is built per request.
        services.AddValidatorsFromAssemblyContaining<AuditLog>(ServiceLifetime.Singleton, includeInternalTypes: true,
            filter: r => r.ValidatorType != typeof(Features.Moderation.FlagInputValidator));
        services.AddScoped<IValidator<Features.Moderation.FlagInput>, Features.Moderation.FlagInputValidator>();

        // Sign-in cookies and API tokens are encrypted with keys that must outlive a restart (a
        // container's home folder does not) and be shared by every instance: they live in the data
        // folder unless DataProtection:KeysPath points elsewhere (a shared volume when scaling out).
        var (configuration, env) = (builder.Configuration, builder.Environment);
        var keys = DataFolder.Resolve(configuration, env, configuration["DataProtection:KeysPath"], "keys");
        services.AddDataProtection().SetApplicationName("grassroots").PersistKeysToFileSystem(new DirectoryInfo(keys));
        // Mail without an SMTP server is written to the data folder too.
        services.PostConfigure<EmailOptions>(o => o.PickupDirectory = DataFolder.Resolve(configuration, env, o.PickupDirectory, "mail"));
        return builder;
    }
}
