using Grassroots.Features.Members;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Projects;

public sealed record NeedMatch(Guid ProjectId, string ProjectSlug, string ProjectTitle, Guid NeedId, string NeedTitle, NeedKind Kind,
    string? Skill, long Remaining, double? DistanceMiles, double Score, string Reason);

/// <summary>
/// "Projects that need you": open needs ranked for one member by skill match, distance and
/// urgency, each with the reason shown ("needs a video editor, 4 mi away").
/// </summary>
public sealed class Matching(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const int NearMiles = 50;
    private const int Candidates = 200;

    public async Task<IReadOnlyList<NeedMatch>> ForMemberAsync(Guid memberId, int take, CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.Skills, m.Latitude, m.Longitude, m.Zip, m.City, m.State }).SingleOrDefaultAsync(ct);
        if (me is null) return [];
        var skills = me.Skills;
        var origin = me.Latitude is { } lat && me.Longitude is { } lng ? new ZipPlace(me.Zip ?? "", lat, lng, me.City ?? "", me.State ?? "") : null;

        // Two small, indexed questions instead of one big sort: open needs of live projects near the
        // member (the distance index), and online projects' open needs for the member's skills (the
        // skill index). Sorting every online project's needs for every visit was the slow part.
        var needs = db.Needs.AsNoTracking().Where(Need.HasRoom).Where(n =>
            !db.Pledges.Where(Pledge.IsActive).Any(x => x.NeedId == n.Id && x.MemberId == memberId)
            && !db.ProjectOwners.Any(o => o.ProjectId == n.ProjectId && o.MemberId == memberId));
        var projects = db.Projects.AsNoTracking().Where(Project.Listed).Where(p => p.Status == ProjectStatus.Active || p.Status == ProjectStatus.Idea);
        var rows = new List<Candidate>();
        if (origin is not null)
            rows.AddRange(await (from n in needs
                                 join x in projects.Within(origin, NearMiles) on n.ProjectId equals x.Item.Id
                                 orderby (n.Skill != null && skills.Contains(n.Skill) ? 0 : 1), x.D2
                                 select new Candidate(n.Id, n.ProjectId, n.Title, n.Kind, n.Skill, n.Quantity, n.Reserved))
                .Take(Candidates).ToListAsync(ct));
        // No ORDER BY here on purpose: the database stops at the first matches instead of sorting them all.
        rows.AddRange(await (from n in needs.Where(n => n.Skill != null && skills.Contains(n.Skill))
                             join p in projects.Where(p => p.Online) on n.ProjectId equals p.Id
                             select new Candidate(n.Id, n.ProjectId, n.Title, n.Kind, n.Skill, n.Quantity, n.Reserved))
            .Take(Candidates / 4).ToListAsync(ct));
        if (rows.Count < take)
            rows.AddRange(await (from n in needs
                                 join p in projects.Where(p => p.Online) on n.ProjectId equals p.Id
                                 select new Candidate(n.Id, n.ProjectId, n.Title, n.Kind, n.Skill, n.Quantity, n.Reserved))
                .Take(take).ToListAsync(ct));
        rows = rows.DistinctBy(r => r.Id).ToList();
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.ProjectId).Distinct().ToList();
        var info = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Title, p.Online, p.Latitude, p.Longitude, p.EndsOn }).ToDictionaryAsync(p => p.Id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return rows.Select(r =>
            {
                var p = info[r.ProjectId];
                var miles = origin is null || p.Online ? (double?)null : origin.MilesFrom(p.Latitude, p.Longitude);
                var skillMatch = r.Skill is not null && skills.Contains(r.Skill);
                var daysLeft = p.EndsOn is { } end ? end.DayNumber - today.DayNumber : (int?)null;
                var urgent = daysLeft is >= 0 and <= 14;
                var score = (skillMatch ? 3 : 0) + (miles is { } m ? Math.Max(0, 1 - m / NearMiles) * 2 : p.Online ? 1 : 0) + (urgent ? 1 : 0);
                return new NeedMatch(p.Id, p.Slug, p.Title, r.Id, r.Title, r.Kind, r.Skill, Math.Max(0, r.Quantity - r.Reserved), miles,
                    Math.Round(score, 3), Reason(r.Title, r.Skill, skillMatch, miles, p.Online, urgent ? daysLeft : null));
            })
            .OrderByDescending(m => m.Score).Take(take).ToList();
    }

    private sealed record Candidate(Guid Id, Guid ProjectId, string Title, NeedKind Kind, string? Skill, long Quantity, long Reserved);

    private string Reason(string need, string? skill, bool skillMatch, double? miles, bool online, int? daysLeft)
    {
        var parts = new List<string>
        {
            skillMatch ? l["needs {0}: your skill", l[Catalog.Skills[skill!]]] : l["needs {0}", need],
            online ? l["online project"] : miles is { } m ? l["{0} mi away", m] : "",
        };
        if (daysLeft is { } d) parts.Add(d == 0 ? l["ends today"] : l.Count(d, "ends tomorrow", "ends in {0} days"));
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }
}
