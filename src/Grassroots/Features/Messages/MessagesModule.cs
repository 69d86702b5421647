using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Messages;

/// <summary>
/// Messages with an archive, private reply threads (on the site and through the mail relay) and group invite
/// links. Everything the feature adds to the host is registered here.
/// </summary>
public static class MessagesModule
{
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MessagesOptions>(builder.Configuration.GetSection(MessagesOptions.Section));
        builder.Services.Configure<RelayOptions>(builder.Configuration.GetSection(RelayOptions.Section));
        builder.Services
            .AddScoped<Sending>()
            .AddScoped<Reading>()
            .AddScoped<Replying>()
            .AddScoped<RelayInbox>()
            .AddScoped<Invites>()
            .AddSingleton<RelayAddresses>()
            .AddScoped<IGroupPageSection, GroupConversationsSection>()
            .AddScoped<IPersonalData, ConversationsPersonalData>()
            .AddScoped<Projects.IMergeStep, MergingConversations>()
            .AddHostedService<RelayListener>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        // Messages lived under /conversations until the platform's deliberations took that noun: links already
        // mailed or stored in notices still open the message.
        app.MapGet("/conversations/{id:guid}/{**rest}", (Guid id, string? rest, HttpContext http) =>
            TypedResults.Redirect($"/messages/{id}{(string.IsNullOrEmpty(rest) ? "" : "/" + rest)}{http.Request.QueryString}", permanent: true))
            .ExcludeFromDescription();
        return app.MapMessagesApi();
    }
}

/// <summary>
/// A merged project's messages go with its volunteers (their needs and pledges moved into the kept project),
/// so the kept project's archive holds every message its volunteers received.
/// </summary>
internal sealed class MergingConversations(AppDbContext db) : Projects.IMergeStep
{
    public Task<int> MovingAsync(Guid fromId, CancellationToken ct) => db.Messages.CountAsync(m => m.ProjectId == fromId, ct);

    public Task MoveAsync(Guid fromId, Guid intoId, CancellationToken ct) =>
        db.Messages.Where(m => m.ProjectId == fromId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProjectId, intoId), ct);
}
