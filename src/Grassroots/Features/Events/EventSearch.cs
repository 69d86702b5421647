using System.Globalization;
using System.Linq.Expressions;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Events;

/// <summary>
/// "Find events": the question as the page and the API ask it. Everything is text, so that a typo in a
/// query string is a field error the searcher can fix, never a binding failure.
/// </summary>
public sealed record EventQuery
{
    /// <summary>A US ZIP code: only events within <see cref="Miles"/> of its centroid (plus online ones if asked).</summary>
    public string? Zip { get; init; }
    public string? Miles { get; init; }
    /// <summary>Days (YYYY-MM-DD), both inclusive, read on each event's own clock: "June 4" is June 4 where the event is.</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Kind { get; init; }
    public string? Q { get; init; }
    /// <summary>A campaign's id or slug.</summary>
    public string? Campaign { get; init; }
    /// <summary>"include", "exclude" or "only" (also true/false). Default: include without a ZIP, exclude with one.</summary>
    public string? Online { get; init; }
    /// <summary>"time" (default) or "distance" (needs a ZIP).</summary>
    public string? Sort { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

public sealed record EventAttendance(int Confirmed, int Waitlisted, int? Capacity);

/// <summary>
/// One event in a list: where (city, state, ZIP; never the street address) and when (UTC, the place's zone
/// and its wall-clock time). <see cref="Miles"/> is measured from the search's ZIP to the event's ZIP
/// centroid and rounded to a whole mile, since neither point is more precise than that.
/// </summary>
public sealed record EventSummary(
    Guid Id, string Slug, EventKind Kind, string Title,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, DateTime StartsLocal, DateTime EndsLocal,
    string? City, string? State, string? Zip, bool Online, double? Miles, EventAttendance Counts, Guid? CampaignId);

public enum OnlineEvents { Include, Exclude, Only }

/// <param name="counts">The map's in-memory counts: the "about N" total of an unfiltered near-ZIP list that goes on past its page (null: counted in SQL).</param>
public sealed class EventSearch(AppDbContext db, ZipCodes zips, TimeProvider clock, IStringLocalizer<SharedResource> l, EventMapCounts? counts = null)
{
    public const int DefaultMiles = 25;
    /// <summary>A 250-mile circle touches ~400 half-degree cells; wider, the per-cell query stops paying off.</summary>
    public const int MaxMiles = 250;
    /// <summary>
    /// Lists count and page through at most this many events (counted on the index, IX_events_listed), so a
    /// search over a big city stays cheap; narrower searches see all.
    /// </summary>
    public const int MaxListed = 1000;
    /// <summary>EventInputValidator lets an event last at most 14 days: what ends after now started after now − 14 days (an index range).</summary>
    public static readonly TimeSpan LongestEvent = TimeSpan.FromDays(14);

    private const double H = Math.PI / 360, D = Math.PI / 180;

    /// <summary>A query that passed validation: what the list, the map and the embed share.</summary>
    public sealed record Criteria(ZipPlace? Origin, int Miles, DateOnly? From, DateOnly? To, EventKind? Kind, string? Text,
        Guid? CampaignId, OnlineEvents Online, bool ByDistance, int Page, int PageSize);

    public async Task<(Page<EventSummary>? Page, FieldErrors Errors)> SearchAsync(EventQuery query, CancellationToken ct)
    {
        var (c, errors) = await ReadAsync(query, ct);
        return c is null ? (null, errors) : (await ListAsync(c, ct), errors);
    }

    /// <summary>Checks a query and resolves its ZIP and campaign; problems by field (zip, miles, from, to, kind, q, campaign, online, sort, page).</summary>
    public async Task<(Criteria? Criteria, FieldErrors Errors)> ReadAsync(EventQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        ZipPlace? origin = null;
        if (!string.IsNullOrWhiteSpace(query.Zip))
        {
            origin = zips.Find(query.Zip);
            if (origin is null) errors.Add("zip", l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Echo.Short(query.Zip.Trim(), 40)]);
        }
        var miles = DefaultMiles;
        if (!string.IsNullOrWhiteSpace(query.Miles)
            && (!int.TryParse(query.Miles.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out miles) || miles < 1 || miles > MaxMiles))
            errors.Add("miles", l["The distance must be between 1 and {0} miles.", MaxMiles]);
        var from = Day(query.From, "from", errors);
        var to = Day(query.To, "to", errors);
        if (from is { } f && to is { } t && f > t) errors.Add("to", l["The last day is before the first day."]);
        EventKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (Enum.TryParse<EventKind>(query.Kind.Trim().Replace("-", "").Replace("_", ""), ignoreCase: true, out var k)
                && Enum.IsDefined(k) && !char.IsAsciiDigit(query.Kind.Trim()[0]))
                kind = k;
            else errors.Add("kind", l["Choose a kind of event: {0}.", string.Join(", ", Enum.GetNames<EventKind>())]);
        }
        var text = ControlCharacters.Strip(query.Q)?.Trim();
        if (text?.Length > TextSearch.MaxQueryLength) errors.Add("q", l["The search text can be at most {0} characters.", TextSearch.MaxQueryLength]);
        var online = (query.Online?.Trim().ToLowerInvariant()) switch
        {
            null or "" => origin is null && string.IsNullOrWhiteSpace(query.Zip) ? OnlineEvents.Include : OnlineEvents.Exclude,
            "include" or "true" or "on" or "yes" => OnlineEvents.Include,
            "exclude" or "false" or "off" or "no" => OnlineEvents.Exclude,
            "only" => OnlineEvents.Only,
            _ => (OnlineEvents?)null,
        };
        if (online is null) errors.Add("online", l["Online events: include, exclude or only."]);
        var sort = string.IsNullOrWhiteSpace(query.Sort) ? "time" : query.Sort.Trim().ToLowerInvariant();
        if (sort is not ("time" or "distance")) errors.Add("sort", l["Sort by time or distance."]);
        else if (sort == "distance" && string.IsNullOrWhiteSpace(query.Zip)) errors.Add("sort", l["Sorting by distance needs a ZIP code to measure from."]);
        else if (sort == "distance" && online == OnlineEvents.Only) errors.Add("sort", l["Online events have no distance: sort them by time."]);
        var (page, size) = Paging.Clamp(query.Page, query.PageSize);
        if ((long)(page - 1) * size >= MaxListed)
            errors.Add("page", l["A search lists its first {0} events. Narrow it (a smaller distance, dates, a kind or words) to see others.", MaxListed]);

        Guid? campaignId = null;
        if (!string.IsNullOrWhiteSpace(query.Campaign))
        {
            var key = query.Campaign.Trim();
            campaignId = Guid.TryParse(key, out var id)
                ? await db.Campaigns.Where(x => x.Id == id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
                : key.Length <= 140 ? await db.Campaigns.Where(x => x.Slug == key).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct) : null;
            if (campaignId is null) errors.Add("campaign", l["There is no campaign \"{0}\". Use its address name or id.", Echo.Short(key, 40)]);
        }
        if (!errors.IsEmpty) return (null, errors);
        return (new Criteria(origin, miles, from, to, kind, string.IsNullOrEmpty(text) ? null : text, campaignId, online!.Value,
            sort == "distance", page, size), errors);
    }

    private DateOnly? Day(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(field, l["Enter the day as YYYY-MM-DD, for example {0}.", clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        return null;
    }

    /// <summary>One page of the list, in the order asked for; Total counts up to <see cref="MaxListed"/>.</summary>
    public async Task<Page<EventSummary>> ListAsync(Criteria c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var listed = Listed(c, now);
        var want = c.Page * c.PageSize; // rows up to the end of the page, in order
        var skip = want - c.PageSize;
        List<Row> rows;
        int total;
        if (c.Origin is not { } o || c.Online == OnlineEvents.Only)
        {
            // No place to be near (or online events only): the (StartsAt, Id) index in time order.
            var q = c.Online switch
            {
                OnlineEvents.Only => listed.Where(e => e.Online),
                OnlineEvents.Exclude => listed.Where(e => !e.Online),
                _ => listed,
            };
            rows = await Project(q.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Skip(skip).Take(c.PageSize), null).ToListAsync(ct);
            total = rows.Count < c.PageSize && (rows.Count > 0 || skip == 0) ? skip + rows.Count : await q.Take(MaxListed).CountAsync(ct);
        }
        else if (!c.ByDistance && c is { Online: OnlineEvents.Exclude, Kind: null, CampaignId: null, Text: null, From: null, To: null })
        {
            // The common question (near a ZIP, by time, nothing else): its own SQL (NearByTimeAsync), and no count unless the list goes on.
            rows = await NearByTimeAsync(o, c.Miles, now, skip, c.PageSize + 1, ct);
            var more = rows.Count > c.PageSize;
            if (more) rows.RemoveAt(rows.Count - 1);
            total = !more && (rows.Count > 0 || skip == 0) ? skip + rows.Count
                : Math.Max(await AboutNearAsync(listed, c, o, ct), more ? want + 1 : 0);
        }
        else if (!c.ByDistance)
        {
            // The page's keys from the index alone (per cell, in time order), then only its rows from the table.
            var near = Near(listed, o, c.Miles, want);
            if (c.Online == OnlineEvents.Include)
            {
                // Online events are everywhere: merged into the same time order.
                var online = listed.Where(e => e.Online).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(want)
                    .Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt });
                near = near.Concat(online);
            }
            var keys = await near.OrderBy(k => k.StartsAt).ThenBy(k => k.Id).Skip(skip).Take(c.PageSize).Select(k => k.Id).ToListAsync(ct);
            rows = await RowsAsync(keys, null, ct);
            total = rows.Count < c.PageSize && (rows.Count > 0 || skip == 0) ? skip + rows.Count : await CountNearAsync(listed, c, o, ct);
        }
        else
        {
            // Nearest first by a growing radius: a full page within r is the answer, since every closer event is inside r.
            var placed = await CountNearAsync(listed, c with { Online = OnlineEvents.Exclude }, o, ct);
            rows = [];
            if (skip < placed)
            {
                for (var r = Math.Min(c.Miles, 6.25); ; r = Math.Min(c.Miles, r * 2))
                {
                    var keys = await Within(listed, o, r).OrderBy(k => k.A).ThenBy(k => k.Id).Skip(skip).Take(c.PageSize).Select(k => k.Id).ToListAsync(ct);
                    if (keys.Count == c.PageSize || r >= c.Miles)
                    {
                        rows = await RowsAsync(keys, o, ct);
                        break;
                    }
                }
            }
            total = placed;
            if (c.Online == OnlineEvents.Include)
            {
                // Online events have no distance: they follow the placed ones, by time.
                var online = listed.Where(e => e.Online);
                var onlineSkip = Math.Max(0, skip - placed);
                var room = c.PageSize - rows.Count;
                if (room > 0)
                    rows.AddRange(await Project(online.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Skip(onlineSkip).Take(room), null).ToListAsync(ct));
                total = Math.Min(MaxListed, placed + await online.Take(MaxListed).CountAsync(ct));
            }
        }
        return new Page<EventSummary>(rows.Select(r => Summary(r, c.Origin)).ToList(), c.Page, c.PageSize, Math.Min(total, MaxListed));
    }

    /// <summary>Every event a search may list: upcoming (not yet ended), public, visible, scheduled, and the query's filters.</summary>
    public IQueryable<Event> Listed(Criteria c, DateTimeOffset now)
    {
        var since = now - LongestEvent;
        var q = db.Events.AsNoTracking().Where(e => e.StartsAt > since && e.EndsAt > now && e.Visibility == EventVisibility.Public
            && e.Moderation == ContentModeration.Visible && e.Status == EventStatus.Scheduled);
        if (c.Kind is { } kind) q = q.Where(e => e.Kind == kind);
        if (c.CampaignId is { } campaign) q = q.Where(e => e.CampaignId == campaign);
        if (c.Text is { } text)
        {
            var pattern = TextSearch.ContainsPattern(text);
            q = db.IsPostgres
                ? q.Where(e => EF.Functions.ILike(e.Title, pattern, "\\") || EF.Functions.ILike(e.Description, pattern, "\\"))
                : q.Where(e => EF.Functions.Like(e.Title, pattern, "\\") || EF.Functions.Like(e.Description, pattern, "\\"));
        }
        if (c.From is not null || c.To is not null) q = q.Where(OnDays(c.From, c.To));
        return q;
    }

    /// <summary>
    /// Starts on the given days at the event's own clock. The instants differ by zone, so the condition names
    /// each zone a host can choose with its own bounds (daylight saving included); any other zone is read in UTC.
    /// </summary>
    private static Expression<Func<Event, bool>> OnDays(DateOnly? from, DateOnly? to)
    {
        var e = Expression.Parameter(typeof(Event), "e");
        var starts = Expression.Property(e, nameof(Event.StartsAt));
        var zone = Expression.Property(e, nameof(Event.TimeZone));
        Expression Bounds(TimeZoneInfo? z)
        {
            Expression test = Expression.Constant(true);
            if (from is { } f)
                test = Expression.AndAlso(test, Expression.GreaterThanOrEqual(starts, Constant(Instant(f, z))));
            if (to is { } t)
                test = Expression.AndAlso(test, Expression.LessThan(starts, Constant(Instant(t.AddDays(1), z))));
            return test;
        }
        Expression body = Expression.AndAlso(
            Expression.Not(Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(Pages.EventNames.Zones.ToArray()), zone)),
            Bounds(null));
        foreach (var id in Pages.EventNames.Zones)
            if (EventTimes.Zone(id) is { } z)
                body = Expression.OrElse(body, Expression.AndAlso(Expression.Equal(zone, Expression.Constant(id)), Bounds(z)));
        return Expression.Lambda<Func<Event, bool>>(body, e);

        // Captured as a closure field so EF sends parameters, not literals (one plan for every day asked).
        static Expression Constant(DateTimeOffset value) =>
            Expression.Property(Expression.Constant(new Box(value)), nameof(Box.Value));
    }

    private sealed class Box(DateTimeOffset value) { public DateTimeOffset Value { get; } = value; }

    private static DateTimeOffset Instant(DateOnly day, TimeZoneInfo? zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        // Midnight never falls in a US spring-forward gap (they are at 2 am); fall back to UTC if some zone's does.
        return zone is null ? new DateTimeOffset(midnight, TimeSpan.Zero) : EventTimes.ToUtc(midnight, zone) ?? new DateTimeOffset(midnight, TimeSpan.Zero);
    }

    /// <summary>
    /// The keys of the first <paramref name="take"/> events in time order within a circle: for each grid cell it
    /// touches, that cell's own first entries by (StartsAt, Id), read in order from the partial covering index
    /// IX_events_listed (the exact distance test only in cells the circle's edge crosses), glued with UNION ALL;
    /// the caller orders and cuts the union (bench/results/2026-11-26-spatial-index.md). Only keys: each part's
    /// rows would otherwise be read from the table, ~20 per cell for a page that keeps 20 in all.
    /// </summary>
    private static IQueryable<Key> Near(IQueryable<Event> listed, ZipPlace o, double miles, int take)
    {
        var cover = GridCells.Around(o.Latitude, o.Longitude, miles);
        IQueryable<Key>? union = null;
        var inCircle = InCircle(o, miles);
        foreach (var (cell, edge) in cover.Inner.Select(x => (x, false)).Concat(cover.Edge.Select(x => (x, true))))
        {
            // Not online: an online event with a ZIP has a cell too, but is listed (or not) by the online part alone.
            var inCell = listed.Where(e => e.Cell == cell && !e.Online);
            if (edge) inCell = inCell.Where(inCircle);
            var part = inCell.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(take).Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt });
            union = union is null ? part : union.Concat(part);
        }
        return union ?? listed.Where(e => false).Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt });
    }

    /// <summary>The keys of the events in the circle and how far each is (A: the haversine term), cell by cell from the index.</summary>
    private static IQueryable<Key> Within(IQueryable<Event> listed, ZipPlace o, double miles)
    {
        var cover = GridCells.Around(o.Latitude, o.Longitude, miles);
        var (lat0, lng0, cos0, _) = Terms(o, miles);
        var inCircle = InCircle(o, miles);
        IQueryable<Key>? union = null;
        foreach (var (cell, edge) in cover.Inner.Select(x => (x, false)).Concat(cover.Edge.Select(x => (x, true))))
        {
            var inCell = listed.Where(e => e.Cell == cell && !e.Online);
            if (edge) inCell = inCell.Where(inCircle);
            var part = inCell.Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt,
                A = Math.Pow(Math.Sin((e.Latitude!.Value - lat0) * H), 2) + cos0 * Math.Cos(e.Latitude!.Value * D) * Math.Pow(Math.Sin((e.Longitude!.Value - lng0) * H), 2) });
            union = union is null ? part : union.Concat(part);
        }
        return union ?? listed.Where(e => false).Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt });
    }

    /// <summary>Counts up to <see cref="MaxListed"/> from the index alone: each cell's first MaxListed entries, then the union's first MaxListed.</summary>
    private Task<int> CountNearAsync(IQueryable<Event> listed, Criteria c, ZipPlace o, CancellationToken ct)
    {
        var near = Near(listed, o, c.Miles, MaxListed);
        if (c.Online == OnlineEvents.Include)
            near = listed.Where(e => e.Online).Take(MaxListed).Select(e => new Key { Id = e.Id, StartsAt = e.StartsAt }).Concat(near);
        return near.Take(MaxListed).CountAsync(ct);
    }

    private static readonly ValueConverter<DateTimeOffset, long> Binary = new DateTimeOffsetToBinaryConverter();
    private static readonly string HText = H.ToString("R", CultureInfo.InvariantCulture), DText = D.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>What a search may list, as SQL on columns of IX_events_listed; literals where the partial index's condition must be recognized.</summary>
    private static string ListedSql(string x) =>
        $@"{x}""StartsAt"" > @since AND {x}""EndsAt"" > @now AND {x}""Visibility"" = {(int)EventVisibility.Public} AND {x}""Moderation"" = {(int)ContentModeration.Visible} AND {x}""Status"" = {(int)EventStatus.Scheduled} AND NOT {x}""Online""";

    private static string CircleSql(string x) =>
        $@"power(sin(({x}""Latitude"" - @lat0) * {HText}), 2) + @cos0 * cos({x}""Latitude"" * {DText}) * power(sin(({x}""Longitude"" - @lng0) * {HText}), 2) <= @amax";

    private const string RowColumns = @"e.""Id"", e.""Slug"", e.""Kind"", e.""Title"", e.""StartsAt"", e.""EndsAt"", e.""TimeZone"", e.""City"", e.""State"", e.""Zip"",
e.""Online"", e.""Latitude"", e.""Longitude"", e.""Confirmed"", e.""Waitlisted"", e.""Capacity"", e.""CampaignId""";

    private static DbParameter Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>
    /// A near-ZIP page by time: the keys of each cell's first <c>skip + take</c> listed, placed events from
    /// IX_events_listed (the distance test only in edge cells), their first <paramref name="take"/> after
    /// <paramref name="skip"/> in (StartsAt, Id) order, and only those rows from the table. Not LINQ: its form is a
    /// differently shaped expression for every circle, which EF compiled on each search (about as long as the SQL
    /// ran). The listing conditions are literals so that both databases use the partial index.
    /// (bench/results/2026-11-26-events-search-2.md)
    /// </summary>
    private async Task<List<Row>> NearByTimeAsync(ZipPlace o, int miles, DateTimeOffset now, int skip, int take, CancellationToken ct)
    {
        var cover = GridCells.Around(o.Latitude, o.Longitude, miles);
        if (cover.Count == 0) return [];
        var (lat0, lng0, cos0, amax) = Terms(o, miles);
        var pg = db.IsPostgres;
        var since = now - LongestEvent;
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            foreach (var (name, value) in new (string, object)[] { ("since", pg ? since.ToUniversalTime() : Binary.ConvertToProvider(since)!),
                ("now", pg ? now.ToUniversalTime() : Binary.ConvertToProvider(now)!), ("n", skip + take), ("lat0", lat0), ("lng0", lng0), ("cos0", cos0), ("amax", amax) })
                Add(cmd, name, value);
            if (pg)
            {
                // One statement: "each cell's first n" is unnest(cells) with a LATERAL per-cell LIMIT.
                Add(cmd, "cells", cover.All);
                Add(cmd, "edges", cover.Inner.Select(_ => false).Concat(cover.Edge.Select(_ => true)).ToArray());
                Add(cmd, "take", take);
                Add(cmd, "skip", skip);
                cmd.CommandText = $@"SELECT {RowColumns} FROM events AS e WHERE e.""Id"" IN (
SELECT k.""Id"" FROM unnest(@cells, @edges) AS c(cell, edge)
CROSS JOIN LATERAL (SELECT x.""Id"", x.""StartsAt"" FROM events AS x WHERE x.""Cell"" = c.cell AND {ListedSql("x.")} AND (NOT c.edge OR {CircleSql("x.")})
  ORDER BY x.""StartsAt"", x.""Id"" LIMIT @n) AS k
ORDER BY k.""StartsAt"", k.""Id"" LIMIT @take OFFSET @skip)
ORDER BY e.""StartsAt"", e.""Id""";
                await using var r = await cmd.ExecuteReaderAsync(ct);
                return await ReadRowsAsync(r, pg, ct);
            }
            // SQLite has no LATERAL, and preparing a UNION ALL of a part per cell cost more than running it (a new
            // text for every circle; measured). So one short statement, prepared once, is run for each cell (in
            // process: no round trips), the keys merged here in SQLite's own order (the stored number, then the
            // Id's text), and the page's rows read by one more.
            cmd.CommandText = $@"SELECT ""Id"", ""StartsAt"" FROM events WHERE ""Cell"" = @cell AND {ListedSql("")} AND (@edge = 0 OR {CircleSql("")})
ORDER BY ""StartsAt"", ""Id"" LIMIT @n";
            var cellParameter = Add(cmd, "cell", 0);
            var edgeParameter = Add(cmd, "edge", 0);
            await cmd.PrepareAsync(ct);
            var keys = new List<(long StartsAt, string Id)>();
            foreach (var (cell, edge) in cover.Inner.Select(x => (x, 0)).Concat(cover.Edge.Select(x => (x, 1))))
            {
                (cellParameter.Value, edgeParameter.Value) = (cell, edge);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) keys.Add((r.GetInt64(1), r.GetString(0)));
            }
            keys.Sort((a, b) => a.StartsAt != b.StartsAt ? a.StartsAt.CompareTo(b.StartsAt) : string.CompareOrdinal(a.Id, b.Id));
            var page = keys.Skip(skip).Take(take).Select(k => k.Id).ToList();
            if (page.Count == 0) return [];
            await using var rows = conn.CreateCommand();
            // Ids are GUIDs' text (hex and dashes): safe as JSON strings.
            Add(rows, "ids", "[" + string.Join(",", page.Select(id => "\"" + id + "\"")) + "]");
            rows.CommandText = $@"SELECT {RowColumns} FROM events AS e WHERE e.""Id"" IN (SELECT value FROM json_each(@ids)) ORDER BY e.""StartsAt"", e.""Id""";
            await using var rr = await rows.ExecuteReaderAsync(ct);
            return await ReadRowsAsync(rr, pg, ct);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<List<Row>> ReadRowsAsync(DbDataReader r, bool pg, CancellationToken ct)
    {
        var rows = new List<Row>();
        Guid Id(int i) => pg ? r.GetGuid(i) : Guid.Parse(r.GetString(i));
        DateTimeOffset At(int i) => pg ? r.GetFieldValue<DateTimeOffset>(i) : Binary.ConvertFromProvider(r.GetInt64(i)) is DateTimeOffset t ? t : default;
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync(ct))
            rows.Add(new Row
            {
                Id = Id(0), Slug = r.GetString(1), Kind = (EventKind)r.GetInt32(2), Title = r.GetString(3), StartsAt = At(4), EndsAt = At(5),
                TimeZone = r.GetString(6), City = Text(7), State = Text(8), Zip = Text(9), Online = r.GetBoolean(10),
                Latitude = r.IsDBNull(11) ? null : r.GetDouble(11), Longitude = r.IsDBNull(12) ? null : r.GetDouble(12),
                Confirmed = r.GetInt32(13), Waitlisted = r.GetInt32(14), Capacity = r.IsDBNull(15) ? null : r.GetInt32(15),
                CampaignId = r.IsDBNull(16) ? null : Id(16),
            });
        return rows;
    }

    /// <summary>
    /// "About N" for an unfiltered near-ZIP list that goes on past its page: the events the map's in-memory
    /// counts place in the circle (as stale as the map, EventMapOptions.MapCountsSeconds), capped at
    /// <see cref="MaxListed"/>; counted on the index when those counts are not there yet.
    /// </summary>
    private async Task<int> AboutNearAsync(IQueryable<Event> listed, Criteria c, ZipPlace o, CancellationToken ct)
    {
        var points = counts is null ? null : await counts.PointsIfReadyAsync(ct);
        if (points is null) return await CountNearAsync(listed, c, o, ct);
        var box = GeoMath.Around(o.Latitude, o.Longitude, c.Miles);
        var n = 0;
        foreach (var p in points)
            if (p.Lat >= box.MinLat && p.Lat <= box.MaxLat && p.Lng >= box.MinLng && p.Lng <= box.MaxLng
                && GeoMath.Miles(o.Latitude, o.Longitude, p.Lat, p.Lng) <= c.Miles)
                n += p.Count;
        return Math.Min(n, MaxListed);
    }

    /// <summary>The rows of a page, in the order of its keys.</summary>
    private async Task<List<Row>> RowsAsync(List<Guid> keys, ZipPlace? o, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var rows = await Project(db.Events.AsNoTracking().Where(e => keys.Contains(e.Id)), o).ToListAsync(ct);
        var at = keys.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return [.. rows.OrderBy(r => at[r.Id])];
    }

    /// <summary>What the index gives: an event's key, its start (time order) and, for distance order, the haversine term.</summary>
    private sealed class Key
    {
        public Guid Id { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public double A { get; init; }
    }

    /// <summary>The exact great-circle test (haversine: sin²(Δφ/2) + cos φ₀ cos φ sin²(Δλ/2) ≤ sin²(d / 2R)), plain SQL arithmetic on both databases.</summary>
    private static Expression<Func<Event, bool>> InCircle(ZipPlace o, double miles)
    {
        var (lat0, lng0, cos0, amax) = Terms(o, miles);
        return e => Math.Pow(Math.Sin((e.Latitude!.Value - lat0) * H), 2)
            + cos0 * Math.Cos(e.Latitude!.Value * D) * Math.Pow(Math.Sin((e.Longitude!.Value - lng0) * H), 2) <= amax;
    }

    private static (double Lat0, double Lng0, double Cos0, double AMax) Terms(ZipPlace o, double miles)
    {
        var s = Math.Sin(miles / (2 * GeoMath.EarthRadiusMiles));
        // A hair of slack so an event exactly on the circle (to the last bit) is in, as it is by GeoMath.Miles.
        return (o.Latitude, o.Longitude, Math.Cos(o.Latitude * D), s * s * (1 + 1e-9));
    }

    /// <summary>What a list shows, read in SQL (not the description, never the address); A orders by distance.</summary>
    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Slug { get; init; } = "";
        public EventKind Kind { get; init; }
        public string Title { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string TimeZone { get; init; } = "";
        public string? City { get; init; }
        public string? State { get; init; }
        public string? Zip { get; init; }
        public bool Online { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public int Confirmed { get; init; }
        public int Waitlisted { get; init; }
        public int? Capacity { get; init; }
        public Guid? CampaignId { get; init; }
        public double A { get; init; }
    }

    private static IQueryable<Row> Project(IQueryable<Event> q, ZipPlace? o)
    {
        if (o is null)
            return q.Select(e => new Row { Id = e.Id, Slug = e.Slug, Kind = e.Kind, Title = e.Title, StartsAt = e.StartsAt, EndsAt = e.EndsAt,
                TimeZone = e.TimeZone, City = e.City, State = e.State, Zip = e.Zip, Online = e.Online, Latitude = e.Latitude, Longitude = e.Longitude,
                Confirmed = e.Confirmed, Waitlisted = e.Waitlisted, Capacity = e.Capacity, CampaignId = e.CampaignId });
        var (lat0, lng0, cos0, _) = Terms(o, 1);
        return q.Select(e => new Row { Id = e.Id, Slug = e.Slug, Kind = e.Kind, Title = e.Title, StartsAt = e.StartsAt, EndsAt = e.EndsAt,
            TimeZone = e.TimeZone, City = e.City, State = e.State, Zip = e.Zip, Online = e.Online, Latitude = e.Latitude, Longitude = e.Longitude,
            Confirmed = e.Confirmed, Waitlisted = e.Waitlisted, Capacity = e.Capacity, CampaignId = e.CampaignId,
            A = Math.Pow(Math.Sin((e.Latitude!.Value - lat0) * H), 2) + cos0 * Math.Cos(e.Latitude!.Value * D) * Math.Pow(Math.Sin((e.Longitude!.Value - lng0) * H), 2) });
    }

    private static EventSummary Summary(Row r, ZipPlace? o) => new(r.Id, r.Slug, r.Kind, r.Title, r.StartsAt, r.EndsAt, r.TimeZone,
        EventTimes.Local(r.StartsAt, r.TimeZone).DateTime, EventTimes.Local(r.EndsAt, r.TimeZone).DateTime,
        r.City, r.State, r.Zip, r.Online,
        o is not null && r.Latitude is { } lat && r.Longitude is { } lng ? Math.Round(GeoMath.Miles(o.Latitude, o.Longitude, lat, lng)) : null,
        new EventAttendance(r.Confirmed, r.Waitlisted, r.Capacity), r.CampaignId);
}
