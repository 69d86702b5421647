using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Notices;

public sealed class NoticesOptions
{
    public const string Section = "Notices";
    /// <summary>How often the mailer looks for new notices when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often members who chose the digest get it.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Turns committed notices into email by each member's choice for the kind: at once (one email per
/// notice), the daily digest (one email listing them), or never. Each notice's state moves with a
/// conditional update in the same transaction as its outbox row, so several instances never mail it twice.
/// Every email carries the one-click unsubscribe link for its kind and a line saying where to change this.
/// </summary>
public sealed class NoticeMail(AppDbContext db, Outbox outbox, SiteLinks links, Unsubscribing unsubscribing, IStringLocalizer<SharedResource> l)
{
    private const int Batch = 200;

    /// <summary>Decides the email of notices not looked at yet. Returns how many it looked at.</summary>
    public async Task<int> SendPendingAsync(CancellationToken ct)
    {
        var due = await (from n in db.Notices.AsNoTracking()
                         where n.Mail == NoticeMailState.Pending
                         orderby n.CreatedAt
                         join m in db.Users on n.MemberId equals m.Id
                         select new { Notice = n, m.Email, m.Culture, m.DeletedAt, m.EmailConfirmed }).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var settings = await SettingsAsync(due.Select(d => d.Notice.MemberId), ct);
        var names = await Inbox.ActorNamesAsync(db, due.Where(d => d.Notice.ActorId != null).Select(d => d.Notice.ActorId!.Value), ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var d in due)
        {
            var n = d.Notice;
            var reachable = d.DeletedAt == null && d.EmailConfirmed && d.Email != null;
            var delivery = reachable ? Delivery(settings, n.MemberId, n.Kind) : NoticeDelivery.Never;
            var next = delivery == NoticeDelivery.Digest ? NoticeMailState.Digest : NoticeMailState.Done;
            if (await db.Notices.Where(x => x.Id == n.Id && x.Mail == NoticeMailState.Pending).ExecuteUpdateAsync(s => s.SetProperty(x => x.Mail, next), ct) == 0) continue;
            if (delivery != NoticeDelivery.AtOnce) continue;
            using (RecipientCulture.Use(d.Culture))
            {
                var (headline, nextStep) = NoticeKinds.Words(n.Kind, n.Args, Actor(names, n.ActorId), l);
                var token = unsubscribing.Token(n.MemberId, n.Kind);
                var text = $"{headline}\n\n{nextStep}\n{links.To(n.Link)}\n\n-- \n" + Footer(token, NoticeKinds.Name(n.Kind, l));
                outbox.Enqueue(d.Email!, headline, text, new MailExtras(UnsubscribeUrl: links.To(Unsubscribing.Path(token))));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>One email per member with every notice waiting for their digest. Returns how many emails.</summary>
    public async Task<int> SendDigestsAsync(CancellationToken ct)
    {
        const int batch = 5_000;
        var sent = 0;
        while (true)
        {
            var due = await (from n in db.Notices.AsNoTracking()
                             where n.Mail == NoticeMailState.Digest
                             join m in db.Users on n.MemberId equals m.Id
                             orderby n.MemberId, n.CreatedAt
                             select new { Notice = n, m.Email, m.Culture, m.DeletedAt, m.EmailConfirmed }).Take(batch).ToListAsync(ct);
            var members = due.GroupBy(d => d.Notice.MemberId).ToList();
            // A full batch may have cut the last member's notices short: they come first next time.
            if (due.Count == batch && members.Count > 1) members.RemoveAt(members.Count - 1);
            var settings = await SettingsAsync(members.Select(g => g.Key), ct);
            var names = await Inbox.ActorNamesAsync(db, due.Where(d => d.Notice.ActorId != null).Select(d => d.Notice.ActorId!.Value), ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var member in members)
            {
                var ids = member.Select(d => d.Notice.Id).ToList();
                if (await db.Notices.Where(n => ids.Contains(n.Id) && n.Mail == NoticeMailState.Digest)
                        .ExecuteUpdateAsync(s => s.SetProperty(n => n.Mail, NoticeMailState.Done), ct) == 0) continue;
                var first = member.First();
                if (first.DeletedAt != null || !first.EmailConfirmed || first.Email is null) continue;
                // A kind turned to "never" since the notice waited is left out.
                var listed = member.Where(d => Delivery(settings, member.Key, d.Notice.Kind) != NoticeDelivery.Never).ToList();
                if (listed.Count == 0) continue;
                using (RecipientCulture.Use(first.Culture))
                {
                    var lines = listed.Select(d =>
                    {
                        var (headline, nextStep) = NoticeKinds.Words(d.Notice.Kind, d.Notice.Args, Actor(names, d.Notice.ActorId), l);
                        return $"- {headline}\n  {nextStep}\n  {links.To(d.Notice.Link)}";
                    });
                    var token = unsubscribing.Token(member.Key, null);
                    var text = l["What happened on Grassroots since your last digest:"] + "\n\n" + string.Join("\n\n", lines) + "\n\n-- \n"
                        + Footer(token, l["The daily digest"]);
                    outbox.Enqueue(first.Email, l["Your Grassroots digest: {0}", Count(listed.Count)], text,
                        new MailExtras(UnsubscribeUrl: links.To(Unsubscribing.Path(token))));
                }
                sent++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (due.Count < batch) return sent;
        }
    }

    private string Count(int n) => n == 1 ? l["1 notice"] : l["{0} notices", n];

    private string Footer(string token, string what) =>
        l["You get this email because of your notice settings: {0}", links.To("/me/notices/settings")] + "\n"
        + l["Stop these emails (\"{0}\") with one click: {1}", what, links.To(Unsubscribing.Path(token))];

    private string? Actor(Dictionary<Guid, string> names, Guid? id) => id is { } a && names.TryGetValue(a, out var n) ? l.Show(n) : null;

    private async Task<Dictionary<(Guid, NoticeKind), NoticeDelivery>> SettingsAsync(IEnumerable<Guid> memberIds, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToList();
        return await db.NoticeSettings.AsNoTracking().Where(s => ids.Contains(s.MemberId)).ToDictionaryAsync(s => (s.MemberId, s.Kind), s => s.Delivery, ct);
    }

    private static NoticeDelivery Delivery(Dictionary<(Guid, NoticeKind), NoticeDelivery> settings, Guid memberId, NoticeKind kind) =>
        settings.TryGetValue((memberId, kind), out var d) ? d : NoticeKinds.Default(kind);
}

/// <summary>Runs the mailer: new notices as soon as they are saved (or at the poll interval), digests every Notices:DigestInterval.</summary>
public sealed class NoticeMailer(IServiceScopeFactory scopes, IOptions<NoticesOptions> options, TimeProvider clock, ILogger<NoticeMailer> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PendingLoopAsync(stoppingToken), DigestLoopAsync(stoppingToken));

    private async Task PendingLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var woken = NoticePulse.Next; // taken before the pass, so a wake during it is not lost
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var mail = scope.ServiceProvider.GetRequiredService<NoticeMail>();
                while (await mail.SendPendingAsync(ct) > 0) { }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogWarning(ex, "Notice mail pass failed; will retry"); }
            try { await Task.WhenAny(woken, Task.Delay(options.Value.PollInterval, ct)); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task DigestLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.DigestInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var mail = scope.ServiceProvider.GetRequiredService<NoticeMail>();
                    while (await mail.SendPendingAsync(ct) > 0) { } // what is still undecided goes into today's digest
                    var sent = await mail.SendDigestsAsync(ct);
                    if (sent > 0) log.LogInformation("Queued {Count} notice digests", sent);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Notice digests failed; will retry at the next tick");
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
