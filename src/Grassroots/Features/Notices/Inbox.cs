using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Notices;

/// <summary>A notice as its reader sees it, in their language.</summary>
public sealed record NoticeView(Guid Id, string Kind, string Headline, string Next, string Link, DateTimeOffset CreatedAt, bool Read);

/// <summary>One kind's delivery, as the member chose it (or its default).</summary>
public sealed record NoticeSettingView(NoticeKind Kind, NoticeDelivery Delivery, NoticeDelivery Default);

/// <summary>A member's own notices (the bell) and their choices of delivery. Every query carries the member's id: nobody reads or marks another's.</summary>
public sealed class Inbox(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>The bell's count, stopped at 100 (the bell shows "99+"): one index range read.</summary>
    public Task<int> UnreadCountAsync(Guid memberId, CancellationToken ct) =>
        db.Notices.Where(n => n.MemberId == memberId && n.ReadAt == null).Take(100).CountAsync(ct);

    /// <summary>Mine, unread first, then newest first; paged.</summary>
    public async Task<Page<NoticeView>> ListAsync(Guid memberId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var mine = db.Notices.AsNoTracking().Where(n => n.MemberId == memberId);
        var total = await mine.CountAsync(ct);
        var rows = await (from n in mine
                          orderby n.ReadAt == null descending, n.CreatedAt descending
                          select new { n.Id, n.Kind, n.Args, n.Link, n.CreatedAt, n.ReadAt, n.ActorId })
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var names = await ActorNamesAsync(db, rows.Where(r => r.ActorId != null).Select(r => r.ActorId!.Value), ct);
        var items = rows.Select(r =>
        {
            var (headline, next) = NoticeKinds.Words(r.Kind, r.Args, r.ActorId is { } a && names.TryGetValue(a, out var n) ? l.Show(n) : null, l);
            return new NoticeView(r.Id, r.Kind.ToString(), headline, next, r.Link, r.CreatedAt, r.ReadAt != null);
        }).ToList();
        return new Page<NoticeView>(items, p, size, total);
    }

    /// <summary>The acting members' public names as they are now (erased accounts read "Former member").</summary>
    internal static async Task<Dictionary<Guid, string>> ActorNamesAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.ShowFullName, u.DeletedAt, u.Moderation }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => MemberNames.Public(r.DisplayName, r.ShowFullName, r.DeletedAt, r.Moderation));
    }

    /// <summary>Marks the given notices of this member read (all of them when none are given); others' ids change nothing. Returns how many changed.</summary>
    public Task<int> MarkReadAsync(Guid memberId, IReadOnlyCollection<Guid>? ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var mine = db.Notices.Where(n => n.MemberId == memberId && n.ReadAt == null);
        if (ids is { Count: > 0 }) mine = mine.Where(n => ids.Contains(n.Id));
        return mine.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>Opens one of my notices: marks it read and says where to go; null when it is not mine.</summary>
    public async Task<string?> OpenAsync(Guid memberId, Guid id, CancellationToken ct)
    {
        var link = await db.Notices.Where(n => n.Id == id && n.MemberId == memberId).Select(n => n.Link).SingleOrDefaultAsync(ct);
        if (link is null) return null;
        await MarkReadAsync(memberId, [id], ct);
        return link;
    }

    public async Task<IReadOnlyList<NoticeSettingView>> SettingsAsync(Guid memberId, CancellationToken ct)
    {
        var chosen = await db.NoticeSettings.AsNoTracking().Where(s => s.MemberId == memberId).ToDictionaryAsync(s => s.Kind, s => s.Delivery, ct);
        return NoticeKinds.All.Select(k => new NoticeSettingView(k, chosen.TryGetValue(k, out var d) ? d : NoticeKinds.Default(k), NoticeKinds.Default(k))).ToList();
    }

    /// <summary>
    /// Parses "kind → delivery" as typed by a form or an API client: unknown kinds and modes are field errors
    /// naming what is allowed (numbers are refused: the names are the contract).
    /// </summary>
    public FieldErrors Parse(IReadOnlyDictionary<string, string?>? input, out Dictionary<NoticeKind, NoticeDelivery> parsed)
    {
        parsed = [];
        var errors = new FieldErrors();
        if (input is null || input.Count == 0)
        {
            errors.Add("settings", l["Give at least one kind of notice and how to hear of it."]);
            return errors;
        }
        foreach (var (key, value) in input)
        {
            if (!Enum.TryParse<NoticeKind>(key, ignoreCase: true, out var kind) || !NoticeKinds.IsKnown(kind) || char.IsDigit(key.FirstOrDefault()))
            {
                errors.Add($"settings.{key}", l["There is no kind of notice called \"{0}\". Use one of: {1}.", key, string.Join(", ", NoticeKinds.All)]);
                continue;
            }
            if (!Enum.TryParse<NoticeDelivery>(value, ignoreCase: true, out var delivery) || !Enum.IsDefined(delivery) || char.IsDigit((value ?? "").FirstOrDefault()))
            {
                errors.Add($"settings.{key}", l["Choose how to hear of it: {0}.", string.Join(", ", Enum.GetNames<NoticeDelivery>())]);
                continue;
            }
            parsed[kind] = delivery;
        }
        return errors;
    }

    /// <summary>Stores the choices (a choice equal to the default is stored too: the member made it).</summary>
    public async Task SetAsync(Guid memberId, IReadOnlyDictionary<NoticeKind, NoticeDelivery> choices, CancellationToken ct)
    {
        foreach (var (kind, delivery) in choices)
        {
            // Update, else insert; an insert racing another one for the same key loses to the unique key and updates instead.
            if (await db.NoticeSettings.Where(s => s.MemberId == memberId && s.Kind == kind).ExecuteUpdateAsync(s => s.SetProperty(x => x.Delivery, delivery), ct) > 0) continue;
            db.NoticeSettings.Add(new NoticeSetting { MemberId = memberId, Kind = kind, Delivery = delivery });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                await db.NoticeSettings.Where(s => s.MemberId == memberId && s.Kind == kind).ExecuteUpdateAsync(s => s.SetProperty(x => x.Delivery, delivery), ct);
            }
        }
    }
}
