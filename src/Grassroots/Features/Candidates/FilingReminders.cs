using System.Globalization;
using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Candidates;

/// <summary>
/// Filing reminders to recruits who have not filed yet: a week before their office's window opens, when it opens,
/// and on its last day. Each (candidacy, window, kind) once: its row's key refuses a second, whichever instance sends.
/// </summary>
public sealed class FilingReminding(AppDbContext db, TimeProvider clock)
{
    public const int PerRound = 500;
    private static readonly Stage[] NotFiled = [Stage.Questionnaire, Stage.EndorsementVote, Stage.Endorsed];

    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var windows = await db.FilingWindows.AsNoTracking().Where(w => w.ClosesAt > now && w.OpensAt <= now.AddDays(7)).OrderBy(w => w.OpensAt).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var w in windows)
        {
            var kind = now < w.OpensAt ? "week" : now >= w.ClosesAt.AddDays(-1) ? "closing" : "open";
            var due = await db.Candidacies.AsNoTracking()
                .Where(c => c.MemberId != null && NotFiled.Contains(c.Stage) && c.Office!.State == w.State && c.Office.Kind == w.Kind)
                .Where(c => !db.FilingReminders.Any(r => r.CandidacyId == c.Id && r.WindowId == w.Id && r.Kind == kind))
                .Select(c => new { c.Id, Member = c.MemberId!.Value, Office = c.Office!.Name }).Take(PerRound).ToListAsync(ct);
            if (due.Count == 0) continue;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(w.TimeZone);
            string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + w.TimeZone + ")";
            foreach (var c in due)
            {
                db.FilingReminders.Add(new FilingReminder { CandidacyId = c.Id, WindowId = w.Id, Kind = kind });
                Notices.Notices.Tell(db, c.Member, NoticeKind.CandidacyNews, $"/candidates/{c.Id}", now, new Dictionary<string, string>
                {
                    ["event"] = "filing-" + kind, ["office"] = c.Office, ["opens"] = Local(w.OpensAt), ["closes"] = Local(w.ClosesAt), ["note"] = w.Note,
                });
            }
            try { await db.SaveChangesAsync(ct); sent += due.Count; }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // another instance sent these; the next round sends what is left
        }
        return sent;
    }
}

public sealed class FilingReminders(IServiceScopeFactory scopes, IOptions<CandidatesOptions> options, TimeProvider clock, ILogger<FilingReminders> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<FilingReminding>().RemindAsync(stoppingToken);
                if (sent > 0) log.LogInformation("Sent {Count} filing reminders", sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Filing reminders failed; will retry at the next tick");
            }
        }
    }
}
