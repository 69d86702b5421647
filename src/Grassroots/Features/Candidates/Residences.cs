using System.Security.Claims;
using Grassroots.Features.Fund;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Candidates;

public sealed record ResidenceInput(string? State, string? County, string? District, string? Precinct);

public sealed record ResidenceView(string State, string? County, string? District, string? Precinct);

/// <summary>Where a member says they vote: it puts them on the roll of their district's endorsement votes (from the next one opened).</summary>
public sealed class Residences(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<ResidenceView?> MineAsync(Guid me, CancellationToken ct) =>
        await db.Residences.AsNoTracking().Where(r => r.MemberId == me).Select(r => new ResidenceView(r.State, r.County, r.District, r.Precinct)).SingleOrDefaultAsync(ct)
        ?? await db.Users.AsNoTracking().Where(u => u.Id == me && u.State != null).Select(u => new ResidenceView(u.State!, null, null, null)).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The counties and precincts the state's listed offices use, for the form's suggestions: a residence is typed by
    /// hand, and "Kingg" matches no office (the member would be on no roll but their state's and the movement's).
    /// </summary>
    public async Task<(IReadOnlyList<string> Counties, IReadOnlyList<string> Precincts)> KnownAsync(string? state, CancellationToken ct)
    {
        if (Codes.Of(state) is not { } s) return ([], []);
        var offices = db.Offices.AsNoTracking().Where(o => o.State == s);
        var counties = await offices.Where(o => o.County != null).Select(o => o.County!).Distinct().OrderBy(c => c).Take(300).ToListAsync(ct);
        var precincts = await offices.Where(o => o.Precinct != null).Select(o => o.Precinct!).Distinct().OrderBy(p => p).Take(3000).ToListAsync(ct);
        return (counties, precincts);
    }

    /// <summary>How many listed offices below the state level a residence falls in (their county, district or precinct).</summary>
    public Task<int> MatchesAsync(ResidenceView r, CancellationToken ct) =>
        db.Offices.AsNoTracking().Where(o => o.State == r.State && o.Level != OfficeLevel.Federal && (o.County != null || o.District != null))
            .CountAsync(o => (o.Kind == OfficeKind.PrecinctCommitteeOfficer ? o.County == r.County && o.Precinct == r.Precinct
                : (o.Kind == OfficeKind.StateHouse || o.Kind == OfficeKind.StateSenate) && o.District != null ? o.District == r.District
                : o.County == null || o.County == r.County), ct);

    public async Task<Outcome> SaveAsync(ClaimsPrincipal actor, ResidenceInput input, CancellationToken ct)
    {
        var me = actor.RequiredMemberId();
        var errors = new FieldErrors();
        var state = Codes.Of(input.State);
        if (state is null || !UsStates.Codes.Contains(state)) errors.Add("state", l["Give the state's two-letter code, like WA."]);
        var (county, district, precinct) = (Codes.Of(input.County), Codes.Of(input.District), Codes.Of(input.Precinct));
        foreach (var (field, value) in new[] { ("county", county), ("district", district), ("precinct", precinct) })
            if (value is { Length: > Office.MaxCodeLength }) errors.Add(field, l["At most {0} characters.", Office.MaxCodeLength]);
        if (!errors.IsEmpty) return Outcome.Invalid(errors);
        var now = clock.GetUtcNow();
        if (await db.Residences.SingleOrDefaultAsync(r => r.MemberId == me, ct) is { } r) (r.State, r.County, r.District, r.Precinct, r.UpdatedAt) = (state!, county, district, precinct, now);
        else db.Residences.Add(new Residence { MemberId = me, State = state!, County = county, District = district, Precinct = precinct, UpdatedAt = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two saves at once both inserted: the other one's row stands; save over it.
            db.ChangeTracker.Clear();
            await db.Residences.Where(x => x.MemberId == me).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state!).SetProperty(x => x.County, county)
                .SetProperty(x => x.District, district).SetProperty(x => x.Precinct, precinct).SetProperty(x => x.UpdatedAt, now), ct);
        }
        return Outcome.Ok;
    }
}
