using System.Security.Claims;
using Grassroots.Features.Convention;
using Grassroots.Features.Fund;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates;

public sealed record OfficeInput(OfficeLevel? Level, OfficeKind? Kind, string? Name, string? State, string? County, string? District, string? Precinct, int? Seats);

public sealed record FilingWindowInput(string? State, OfficeKind? Kind, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? TimeZone, string? Note);

public sealed record OfficeView(Guid Id, OfficeLevel Level, OfficeKind Kind, string Name, string State, string? County, string? District, string? Precinct, int Seats,
    int Candidates)
{
    public static OfficeView Of(Office o, int candidates = 0) => new(o.Id, o.Level, o.Kind, o.Name, o.State, o.County, o.District, o.Precinct, o.Seats, candidates);
}

public sealed record FilingWindowView(Guid Id, string State, OfficeKind Kind, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string TimeZone, string Note)
{
    public static FilingWindowView Of(FilingWindow w) => new(w.Id, w.State, w.Kind, w.OpensAt, w.ClosesAt, w.TimeZone, w.Note);
}

/// <summary>The offices recruits run for and the states' filing windows: anyone reads them, stewards add them.</summary>
public sealed class Offices(AppDbContext db, Stewards stewards, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxSeats = 1_000;

    public async Task<Page<OfficeView>> ListAsync(string? state, OfficeKind? kind, string? county, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Offices.AsNoTracking();
        if (Codes.Of(state) is { } s) query = query.Where(o => o.State == s);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (Codes.Of(county) is { } c) query = query.Where(o => o.County == c);
        if (ConventionText.Line(q) is { Length: > 0 } text) query = query.Where(o => o.Name.Contains(text) || o.Precinct!.Contains(text.ToUpper()));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(o => o.State).ThenBy(o => o.Kind).ThenBy(o => o.County).ThenBy(o => o.District).ThenBy(o => o.Precinct)
            .Skip((p - 1) * size).Take(size)
            .Select(o => new { o, Count = db.Candidacies.Count(c => c.OfficeId == o.Id && c.Stage != Stage.Nominated && c.Stage != Stage.Declined && c.Stage != Stage.Withdrawn) })
            .ToListAsync(ct);
        return new Page<OfficeView>(rows.Select(r => OfficeView.Of(r.o, r.Count)).ToList(), p, size, total);
    }

    public async Task<OfficeView?> ReadAsync(Guid id, CancellationToken ct) =>
        await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } o ? OfficeView.Of(o) : null;

    public async Task<(OfficeView? Office, Outcome Outcome)> CreateAsync(ClaimsPrincipal actor, OfficeInput input, CancellationToken ct)
    {
        if (await stewards.CheckAsync(actor, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var errors = new FieldErrors();
        if (input.Level is not { } level || !Enum.IsDefined(level)) errors.Add("level", l["Choose the office's level: federal, state, local or party."]);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add("kind", l["Choose the kind of office."]);
        var name = ConventionText.Line(input.Name);
        if (name.Length is 0 or > Office.MaxNameLength) errors.Add("name", l["Name the office in at most {0} characters.", Office.MaxNameLength]);
        var state = Codes.Of(input.State);
        if (state is null || !UsStates.Codes.Contains(state)) errors.Add("state", l["Give the state's two-letter code, like WA."]);
        var (county, district, precinct) = (Codes.Of(input.County), Codes.Of(input.District), Codes.Of(input.Precinct));
        foreach (var (field, value) in new[] { ("county", county), ("district", district), ("precinct", precinct) })
            if (value is { Length: > Office.MaxCodeLength }) errors.Add(field, l["At most {0} characters.", Office.MaxCodeLength]);
        if (input.Kind == OfficeKind.PrecinctCommitteeOfficer && (county is null || precinct is null))
            errors.Add("precinct", l["A precinct committee officer's office names its county and precinct."]);
        if (input.Seats is { } seats && seats is < 1 or > MaxSeats) errors.Add("seats", l["Seats are between 1 and {0}.", MaxSeats]);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        if (await db.Offices.AnyAsync(o => o.State == state && o.Kind == input.Kind && o.County == county && o.District == district && o.Precinct == precinct, ct))
            return (null, Outcome.Invalid("name", l["This office is listed already."]));
        var office = new Office
        {
            Level = input.Level!.Value, Kind = input.Kind!.Value, Name = name, State = state!, County = county, District = district, Precinct = precinct,
            Seats = input.Seats ?? 1, CreatedAt = clock.GetUtcNow(),
        };
        db.Offices.Add(office);
        await db.SaveChangesAsync(ct);
        return (OfficeView.Of(office), Outcome.Ok);
    }

    /// <summary>Windows that have not closed yet (and the last week's), soonest first; for a state, when given.</summary>
    public async Task<Page<FilingWindowView>> WindowsAsync(string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var since = clock.GetUtcNow().AddDays(-7);
        var query = db.FilingWindows.AsNoTracking().Where(w => w.ClosesAt >= since);
        if (Codes.Of(state) is { } s) query = query.Where(w => w.State == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.OpensAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Page<FilingWindowView>(rows.Select(FilingWindowView.Of).ToList(), p, size, total);
    }

    public async Task<(FilingWindowView? Window, Outcome Outcome)> AddWindowAsync(ClaimsPrincipal actor, FilingWindowInput input, CancellationToken ct)
    {
        if (await stewards.CheckAsync(actor, ct) is { Kind: not OutcomeKind.Ok } refused) return (null, refused);
        var errors = new FieldErrors();
        var state = Codes.Of(input.State);
        if (state is null || !UsStates.Codes.Contains(state)) errors.Add("state", l["Give the state's two-letter code, like WA."]);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add("kind", l["Choose the kind of office."]);
        if (input.OpensAt is not { Year: >= 2000 and <= 2200 }) errors.Add("opensAt", l["Give a date between the years 2000 and 2200."]);
        if (input.ClosesAt is not { Year: >= 2000 and <= 2200 }) errors.Add("closesAt", l["Give a date between the years 2000 and 2200."]);
        else if (input.OpensAt is { } opens && input.ClosesAt <= opens) errors.Add("closesAt", l["The end must come after the start."]);
        var zone = input.TimeZone?.Trim();
        if (zone is not { Length: > 0 and <= 64 } || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) errors.Add("timeZone", l["Choose a time zone such as America/New_York."]);
        var note = ConventionText.Line(input.Note);
        if (note.Length > FilingWindow.MaxNoteLength) errors.Add("note", l["At most {0} characters.", FilingWindow.MaxNoteLength]);
        if (!errors.IsEmpty) return (null, Outcome.Invalid(errors));
        var window = new FilingWindow { State = state!, Kind = input.Kind!.Value, OpensAt = input.OpensAt!.Value.ToUniversalTime(), ClosesAt = input.ClosesAt!.Value.ToUniversalTime(), TimeZone = zone!, Note = note };
        db.FilingWindows.Add(window);
        await db.SaveChangesAsync(ct);
        return (FilingWindowView.Of(window), Outcome.Ok);
    }
}
