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
