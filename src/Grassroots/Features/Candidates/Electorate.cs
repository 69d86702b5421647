using Grassroots.Infrastructure.Data;

namespace Grassroots.Features.Candidates;

/// <summary>
/// Who votes on endorsing a candidate for an office: for federal office the whole movement (every confirmed
/// member); otherwise the confirmed members who say they vote in the office's district: its state, and its
/// legislative district, county or precinct where it has one.
/// </summary>
public static class Electorate
{
    public static IQueryable<Guid> Of(AppDbContext db, Office o)
    {
        var members = db.Users.Where(u => u.EmailConfirmed && u.DeletedAt == null).Select(u => u.Id);
        if (o.Level == OfficeLevel.Federal) return members;
        var here = db.Residences.Where(r => r.State == o.State);
        if (o.Kind is OfficeKind.StateHouse or OfficeKind.StateSenate && o.District is { } district) here = here.Where(r => r.District == district);
        if (o.County is { } county) here = here.Where(r => r.County == county);
        if (o.Kind == OfficeKind.PrecinctCommitteeOfficer && o.Precinct is { } precinct) here = here.Where(r => r.Precinct == precinct);
        return here.Select(r => r.MemberId).Where(id => members.Contains(id));
    }
}
