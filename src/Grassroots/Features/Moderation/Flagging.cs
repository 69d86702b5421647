using FluentValidation;
using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation;

public sealed record FlagInput(string? ContentType, string? ContentId, string? Value, string? Reason);

public sealed record FlagView(Guid Id, string ContentType, string ContentId, string ContentTitle, string Value, string Reason, DateTimeOffset CreatedAt);

public sealed class Flagging(AppDbContext db, IEnumerable<IFlaggableContent> contents, IValidator<FlagInput> validator, AuditLog audit, TimeProvider clock,
    Juries juries, Microsoft.Extensions.Options.IOptions<ModerationOptions> options, IStringLocalizer<SharedResource> l)
{
    public const int MaxReasonLength = 1000;

    public async Task<(FlagView? Flag, Outcome Outcome)> FlagAsync(Guid reporterId, FlagInput input, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return (null, Outcome.Invalid(FieldErrors.From(validation)));
        var content = contents.First(c => c.ContentType == input.ContentType);
        var reason = input.Reason!.Trim();

        // The content's feature parses the id; only its canonical form is stored, so "{ABC…}" and "abc…" are one item.
        var target = await content!.FindAsync(input.ContentId!, ct);
        if (target is null) return (null, Outcome.NotFound);
        if (await db.Flags.AnyAsync(f => f.ContentType == content.ContentType && f.ContentId == target.Id && f.ReporterId == reporterId, ct))
            return (null, Outcome.Invalid("contentId", l["You have already flagged this. One flag per person counts."]));
        if (await juries.LatestCaseAsync(content.ContentType, target.Id, ct) is { Status: CaseStatus.Removed })
            return (null, Outcome.Invalid("contentId", l["A community jury already removed this; the decision is in the public moderation log."]));

        var flag = new Flag
        {
            ContentType = content.ContentType, ContentId = target.Id, ContentTitle = target.Title.Length > 200 ? target.Title[..200] : target.Title,
            GroupId = target.GroupId, ReporterId = reporterId, Value = input.Value!, Reason = reason, CreatedAt = clock.GetUtcNow(),
        };
        if (options.Value.MinimumAccountAge > TimeSpan.Zero)
        {
            var oldEnough = flag.CreatedAt - options.Value.MinimumAccountAge;
            var since = await db.Users.Where(u => u.Id == reporterId).Select(u => u.ConfirmedAt ?? u.CreatedAt).SingleAsync(ct);
            flag.Counts = since <= oldEnough;
        }
        db.Flags.Add(flag);
        audit.Record(reporterId, "flag.create", content.ContentType, target.Id, input.Value);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, Outcome.Invalid("contentId", l["You have already flagged this. One flag per person counts."]));
        }
        await juries.OpenIfDueAsync(content, target, ct);
        return (View(flag), Outcome.Ok);
    }

    /// <summary>The public moderation log: every flag, newest first, without reporters' names.</summary>
    public async Task<Page<FlagView>> LogAsync(int? page, int? pageSize, Guid? groupId, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var flags = db.Flags.AsNoTracking();
        if (groupId is not null) flags = flags.Where(f => f.GroupId == groupId);
        var total = await flags.CountAsync(ct);
        var items = await flags.OrderByDescending(f => f.CreatedAt).Skip((p - 1) * size).Take(size)
            .Select(f => new FlagView(f.Id, f.ContentType, f.ContentId, f.ContentTitle, f.Value, f.Reason, f.CreatedAt)).ToListAsync(ct);
        return new Page<FlagView>(items, p, size, total);
    }

    private static FlagView View(Flag f) => new(f.Id, f.ContentType, f.ContentId, f.ContentTitle, f.Value, f.Reason, f.CreatedAt);
}
