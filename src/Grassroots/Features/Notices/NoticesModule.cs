using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

/// <summary>Notices' part of a member's data export, in words (the reader's language) as the notices page shows them.</summary>
internal sealed class NoticesPersonalData(AppDbContext db, IStringLocalizer<SharedResource> l) : IPersonalData
{
    public async Task<IReadOnlyList<(string Name, object Data)>> ExportAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.Notices.AsNoTracking().Where(n => n.MemberId == memberId).OrderByDescending(n => n.CreatedAt)
            .Select(n => new { n.Kind, n.Args, n.ActorId, n.Link, n.CreatedAt, n.ReadAt }).ToListAsync(ct);
        var names = await Inbox.ActorNamesAsync(db, rows.Where(r => r.ActorId != null).Select(r => r.ActorId!.Value), ct);
        var notices = rows.Select(r => new
        {
            Notice = NoticeKinds.Words(r.Kind, r.Args, r.ActorId is { } a && names.TryGetValue(a, out var n) ? l.Show(n) : null, l).Headline,
            r.Link, r.CreatedAt, r.ReadAt,
        }).ToList();
        var settings = (await db.NoticeSettings.AsNoTracking().Where(s => s.MemberId == memberId).ToListAsync(ct))
            .Where(s => NoticeKinds.IsKnown(s.Kind))
            .Select(s => new { Notice = NoticeKinds.Name(s.Kind, l), Delivery = NoticeKinds.DeliveryName(s.Delivery, l) }).ToList();
        return [("notices", notices), ("noticeSettings", settings)];
    }
}
