using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Notices;

/// <summary>
/// People hear back: notices of what happened to a member (the bell), mailed at once, in a daily digest
/// or never, by the member's choice per kind, with a one-click unsubscribe in every email.
/// </summary>
public static class NoticesModule
{
    public static IHostApplicationBuilder AddNotices(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<NoticesOptions>(builder.Configuration.GetSection(NoticesOptions.Section));
        builder.Services
            .AddScoped<Inbox>()
            .AddScoped<Home.IHomeSection, NoticesHomeSection>()
            .AddScoped<NoticeMail>()
            .AddScoped<Unsubscribing>()
            .AddHostedService<NoticeMailer>()
            .AddScoped<IAccountDeletionStep, LeavingNotices>()
            .AddScoped<IPersonalData, NoticesPersonalData>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app) => app.MapNoticesApi();
}

/// <summary>A member who leaves takes their notices and choices with them (what others were told of them stays theirs).</summary>
internal sealed class LeavingNotices(AppDbContext db) : IAccountDeletionStep
{
    public async Task MemberLeavingAsync(Guid memberId, CancellationToken ct)
    {
        await db.Notices.Where(n => n.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.NoticeSettings.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
    }
}

internal sealed class NoticesPersonalData(AppDbContext db) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var notices = await db.Notices.AsNoTracking().Where(n => n.MemberId == memberId).OrderByDescending(n => n.CreatedAt)
            .Select(n => new { Kind = n.Kind.ToString(), n.Args, n.Link, n.CreatedAt, n.ReadAt }).ToListAsync(ct);
        var settings = await db.NoticeSettings.AsNoTracking().Where(s => s.MemberId == memberId)
            .Select(s => new { Kind = s.Kind.ToString(), Delivery = s.Delivery.ToString() }).ToListAsync(ct);
        return [("notices", notices), ("noticeSettings", settings)];
    }
}
