using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Events;

/// <summary>Section "Events:Reminders": when the reminder goes out, and how often the sender looks.</summary>
public sealed class EventReminderOptions
{
    public const string Section = "Events:Reminders";
    /// <summary>How long before the start people with a place are reminded (a day, as Mobilize does).</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The day-before reminder. An event is claimed by a conditional UPDATE of <see cref="Event.RemindedAt"/>
/// (several instances never remind twice) and its mails are queued in the same transaction (a crash
/// between the two cannot lose them). RSVPs made after the reminder went have their confirmation, made
/// inside the same window, which says as much.
/// </summary>
public sealed class Reminding(AppDbContext db, EventMail mail, IOptions<EventReminderOptions> options, TimeProvider clock)
{
    public const int EventsPerRound = 50;

    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lead;
        var due = await db.Events.AsNoTracking()
            .Where(e => e.RemindedAt == null && e.StartsAt > now && e.StartsAt <= until && e.Status == EventStatus.Scheduled)
            .OrderBy(e => e.StartsAt).Take(EventsPerRound).ToListAsync(ct);
        var mails = 0;
        foreach (var e in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Events.Where(x => x.Id == e.Id && x.RemindedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindedAt, now), ct) == 0)
                continue;
            // Made inside the window, a confirmation already said everything a reminder would.
            var windowOpened = e.StartsAt - options.Value.Lead;
            var people = await db.Rsvps.AsNoTracking()
                .Where(r => r.EventId == e.Id && r.Status == RsvpStatus.Confirmed && !r.WalkIn && r.CreatedAt < windowOpened)
                .ToListAsync(ct);
            foreach (var r in people) mail.Enqueue(db, e, r, RsvpMailKind.Reminder, r.Culture);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            mails += people.Count;
        }
        if (mails > 0) mail.Sent();
        return mails;
    }
}

public sealed class ReminderSender(IServiceScopeFactory scopes, IOptions<EventReminderOptions> options, TimeProvider clock, ILogger<ReminderSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<Reminding>().RemindAsync(stoppingToken);
                if (sent > 0) log.LogInformation("Queued {Count} event reminders", sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Event reminders failed; will retry at the next tick");
            }
        }
    }
}
