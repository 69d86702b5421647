using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;

namespace Grassroots.Infrastructure;

public static class InfrastructureModule
{
    /// <summary>Email outbox and sender, ZIP geocoding, audit log, safe user text, demo seed.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
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
        return builder;
    }
}
